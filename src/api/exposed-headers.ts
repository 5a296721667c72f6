/** Response headers a browser script on another origin may read (CORS `Access-Control-Expose-Headers`). */
export const EXPOSED_HEADERS = ["X-Repo-Commit", "X-Request-Id", "X-Error-Code", "X-Error-Message", "X-Total-Count", "ETag", "Link", "Accept-Ranges", "Content-Range"];

"""Drives huggingface_hub's discussion and pull-request API against an evalhub endpoint; prints what it saw as one JSON object.

Run with HF_ENDPOINT and HF_TOKEN set; argv[1] is a scratch folder.
"""
import json
import os
import sys
import warnings
from pathlib import Path

from huggingface_hub import HfApi

scratch = Path(sys.argv[1])
api = HfApi(endpoint=os.environ["HF_ENDPOINT"], token=os.environ["HF_TOKEN"])
me = api.whoami()["name"]
repo_id = f"{me}/pr-model"
api.create_repo(repo_id)
out = {}


def event_summary(details):
    return [[e.type, getattr(e, "new_status", None)] for e in details.events]


# A pull request opened by a commit (`?create_pr=1`), then one more commit to its ref.
info = api.upload_file(path_or_fileobj=b"score: 1\n", path_in_repo=".eval_results/a.yaml", repo_id=repo_id, commit_message="Propose A", create_pr=True)
out["upload_pr"] = {"url": info.pr_url, "revision": info.pr_revision, "num": info.pr_num}
api.upload_file(path_or_fileobj=b"score: 2\n", path_in_repo=".eval_results/a.yaml", repo_id=repo_id, commit_message="Fix A", revision=info.pr_revision)
first = api.get_discussion_details(repo_id, info.pr_num)
out["upload_pr_details"] = {"status": first.status, "events": [[e.type, getattr(e, "summary", None)] for e in first.events], "target": first.target_branch}

# A discussion and a (draft) pull request through the discussions API; the folder upload opens one too.
discussion = api.create_discussion(repo_id, "Is the GPQA score right?", description="It looks **high**. <script>x</script>")
out["discussion"] = {"num": discussion.num, "status": discussion.status, "is_pr": discussion.is_pull_request, "ref": discussion.git_reference, "first_comment": discussion.events[0].content, "url": discussion.url}
pr = api.create_pull_request(repo_id, "Add MMLU", description="New result")
out["pr_created"] = {"num": pr.num, "status": pr.status, "ref": pr.git_reference, "target": pr.target_branch, "diff": pr.diff, "conflicts": pr.conflicting_files}
api.upload_file(path_or_fileobj=b"value: 55.3\n", path_in_repo=".eval_results/mmlu.yaml", repo_id=repo_id, commit_message="Add MMLU result", revision=pr.git_reference)

folder = scratch / "folder"
folder.mkdir(parents=True)
(folder / "notes.md").write_text("# notes\n")
folder_info = api.upload_folder(folder_path=str(folder), repo_id=repo_id, commit_message="Add notes", create_pr=True)
out["folder_pr"] = {"url": folder_info.pr_url, "revision": folder_info.pr_revision}

# Comments: post, edit (twice), hide one; rename; close and reopen.
comment = api.comment_discussion(repo_id, pr.num, "Which **harness** version?")
edited = api.edit_discussion_comment(repo_id, pr.num, comment.id, "Which harness version was it?")
edited = api.edit_discussion_comment(repo_id, pr.num, comment.id, "Which lm-eval version was it?")
out["comment"] = {"type": comment.type, "content": comment.content, "author": comment.author, "edited_before": comment.edited}
out["edited"] = {"content": edited.content, "edited": edited.edited, "edits": edited.number_of_edits, "same_id": edited.id == comment.id}
spam = api.comment_discussion(repo_id, pr.num, "buy cheap tokens")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    hidden = api.hide_discussion_comment(repo_id, pr.num, spam.id)
out["hidden"] = {"hidden": hidden.hidden, "content": hidden.content}
renamed = api.rename_discussion(repo_id, pr.num, "Add MMLU-Pro")
out["renamed"] = {"type": renamed.type, "old": renamed.old_title, "new": renamed.new_title}
closed = api.change_discussion_status(repo_id, pr.num, "closed", comment="Closing for now")
reopened = api.change_discussion_status(repo_id, pr.num, "open")
out["status_changes"] = [closed.new_status, reopened.new_status]

before = api.get_discussion_details(repo_id, pr.num)
out["before_merge"] = {
    "status": before.status,
    "events": event_summary(before),
    "diff_has_file": "b/.eval_results/mmlu.yaml" in (before.diff or "") and "+value: 55.3" in (before.diff or ""),
    "conflicts": before.conflicting_files,
    "target": before.target_branch,
    "merge_commit": before.merge_commit_oid,
}

api.merge_pull_request(repo_id, pr.num, comment="Thanks!")
after = api.get_discussion_details(repo_id, pr.num)
main_head = api.model_info(repo_id).sha
out["after_merge"] = {"status": after.status, "merge_commit_is_main": after.merge_commit_oid == main_head, "events": event_summary(after)}
out["merged_file_on_main"] = api.file_exists(repo_id, ".eval_results/mmlu.yaml")

# Listing with filters, then paging past 50.
listed = lambda **kw: [d.num for d in api.get_repo_discussions(repo_id, **kw)]
out["all"] = listed()
out["prs"] = listed(discussion_type="pull_request")
out["discussions"] = listed(discussion_type="discussion")
out["open_prs"] = listed(discussion_type="pull_request", discussion_status="open")
out["closed"] = listed(discussion_status="closed")
out["mine"] = len(listed(author=me))
out["nobody"] = listed(author="nobody-at-all")
for i in range(55):
    api.create_discussion(repo_id, f"Question {i}", description="?")
every = listed()
out["paged"] = {"count": len(every), "distinct": len(set(every)), "descending": every == sorted(every, reverse=True), "first": every[0], "last": every[-1]}
print(json.dumps(out))

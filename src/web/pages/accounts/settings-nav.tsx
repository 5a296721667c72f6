/** The tabs of a user's own settings. */
export function SettingsNav(props: { current: "profile" | "tokens" | "organizations" }) {
  const tab = (id: typeof props.current, href: string, label: string) => (
    <a href={href} aria-current={props.current === id ? "page" : undefined}>
      {label}
    </a>
  );
  return (
    <nav class="tabs" aria-label="Settings">
      {tab("profile", "/settings/profile", "Profile")}
      {tab("tokens", "/settings/tokens", "Access tokens")}
      {tab("organizations", "/settings/organizations", "Organisations")}
    </nav>
  );
}

/** Text in which `backticked` parts are code, as the classifier writes its reasons; everything stays escaped. */
export function TickedText(props: { text: string }) {
  const parts = props.text.split("`");
  return <>{parts.map((part, i) => (i % 2 === 1 ? <code>{part}</code> : part))}</>;
}

// Observable Plot puts a <style> element in every chart and legend it makes.
// The server's Content-Security-Policy (style-src 'self') refuses inline
// style elements, and the browser reports each refusal as an error, so they
// are taken out before the chart joins the page; styles.css holds the same
// rules for the class names Pathlight uses.
export function withoutStyleElements<T extends Element | null | undefined>(node: T): T {
  node?.querySelectorAll('style').forEach((s) => s.remove());
  return node;
}

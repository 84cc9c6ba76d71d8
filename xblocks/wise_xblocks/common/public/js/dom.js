// Small DOM helpers shared by the blocks' editors.

/** document.createElement with attributes (true: present and empty; false, null, undefined: left out) and text. */
export function make(tag, attrs = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? "" : value);
  }
  if (text) node.textContent = text;
  return node;
}

// Copy a citation in one click. The Copy buttons are hidden until this script runs, so a page
// without scripts shows only the text boxes (select the text to copy it). Where the browser
// refuses the clipboard, the text is selected instead and the message says to copy it.
document.querySelectorAll("button.copy[data-copy]").forEach((button) => {
  const box = document.getElementById(button.dataset.copy);
  const status = button.nextElementSibling;
  button.hidden = false;
  button.addEventListener("click", () => {
    const say = (text) => { status.textContent = text; };
    const select = () => {
      box.focus();
      box.select();
      say(button.dataset.selected || "");
    };
    if (!navigator.clipboard) { select(); return; }
    navigator.clipboard.writeText(box.value).then(() => say(button.dataset.copied || ""), select);
  });
});

// An embed tells the page that frames it how tall it is, whenever that changes (the page's
// embed code sets the iframe to that height), so that it never shows a scrollbar. The
// message's type is the page's data-embed-message (reports/sharing/embeds.py).
(function () {
  const root = document.documentElement;
  const type = root.dataset.embedMessage;
  if (window.parent === window || !type) return;
  const report = () => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    window.parent.postMessage({ type: type, height: height }, "*");
  };
  window.addEventListener("load", report);
  if ("ResizeObserver" in window) new ResizeObserver(report).observe(document.body);
})();

// cabledesk: progressive enhancement only. Copies paragraph links and citations to the clipboard;
// the page works the same without it (the ¶ links are plain links, the texts are selectable).
(() => {
  const status = document.getElementById('copy-status');
  const say = (text) => {
    if (status) status.textContent = text;
  };
  const copy = async (text, what) => {
    try {
      await navigator.clipboard.writeText(text);
      say(`${what} copied to the clipboard.`);
    } catch {
      say(`Could not copy the ${what.toLowerCase()}: select it and copy it by hand.`);
    }
  };
  for (const button of document.querySelectorAll('button[data-copy]')) {
    button.hidden = false;
    button.addEventListener('click', () => {
      const target = document.getElementById(button.dataset.copy || '');
      if (target) copy(target.textContent.trim(), button.dataset.what || 'Text');
    });
  }
  for (const link of document.querySelectorAll('a.pilcrow')) {
    link.addEventListener('click', () => {
      copy(link.href, 'Link to the paragraph');
    });
  }
})();

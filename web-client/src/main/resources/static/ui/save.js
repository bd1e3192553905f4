// Saving a received file out of browser storage: a save dialog where the browser has one
// (showSaveFilePicker streams the file to disk), otherwise a download of an object URL that
// points at the stored file (no copy in memory).

export async function saveFile(file) {
  if (typeof window.showSaveFilePicker === 'function') {
    let handle;
    try {
      handle = await window.showSaveFilePicker({ suggestedName: file.name });
    } catch (error) {
      if (error?.name === 'AbortError') return false; // the user closed the dialog
      handle = null; // e.g. a name the picker refuses: fall back to a download
    }
    if (handle) {
      await file.stream().pipeTo(await handle.createWritable());
      return true;
    }
  }
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started reading by then; the URL only has to outlive that.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return true;
}

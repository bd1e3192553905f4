// Files and folders a user drops or picks, as lanvan.send() takes them: {file, name} with the
// path relative to what was chosen ("photos/2024/a.jpg"). Dropped folders are walked with
// webkitGetAsEntry (every current browser has it); an <input webkitdirectory> gives
// webkitRelativePath.

/** @returns {Promise<{file: File, name: string}[]>} */
export async function filesFromDrop(dataTransfer) {
  const entries = [...(dataTransfer.items ?? [])]
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.())
    .filter(Boolean);
  if (entries.length === 0) return [...(dataTransfer.files ?? [])].map((file) => ({ file, name: file.name }));
  const out = [];
  for (const entry of entries) await collect(entry, out);
  return out;
}

/** From an <input type=file>, with or without webkitdirectory. */
export function filesFromInput(input) {
  return [...input.files].map((file) => ({ file, name: file.webkitRelativePath || file.name }));
}

async function collect(entry, out) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    out.push({ file, name: entry.fullPath.replace(/^\/+/, '') || file.name });
  } else if (entry.isDirectory) {
    const reader = entry.createReader();
    // readEntries hands out a batch at a time (100 in Chromium) until it returns none.
    for (;;) {
      const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await collect(child, out);
    }
  }
}

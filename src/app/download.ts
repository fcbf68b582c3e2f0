/** Offers a file to the user as a download (the URL is freed once the browser has taken it). */
export function download(data: Blob, name: string): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(data);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** Gives back the object URLs that players and links under `root` hold, before they are replaced. */
export function revokeBlobUrls(root: Element): void {
  for (const media of root.querySelectorAll<HTMLMediaElement>("audio, video")) {
    if (!media.src.startsWith("blob:")) continue;
    media.pause();
    URL.revokeObjectURL(media.src);
  }
  for (const a of root.querySelectorAll<HTMLAnchorElement>('a[href^="blob:"]')) URL.revokeObjectURL(a.href);
}

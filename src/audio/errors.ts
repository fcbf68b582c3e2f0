/**
 * Thrown when audio bytes cannot be decoded: the message says what is wrong with the input and, where
 * there is one, what to do about it. A distinct class lets callers tell bad input from bugs.
 */
export class AudioFormatError extends Error {
  override name = "AudioFormatError";
}

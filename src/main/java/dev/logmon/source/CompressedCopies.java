package dev.logmon.source;

import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link GlobWatcher} does with a gzip file it meets, by whose text it holds: compressing a
 * rotated file makes a new file (a new inode) with the same text, so its first bytes tell whether
 * its lines were read already. Stateless.
 */
final class CompressedCopies {
  private CompressedCopies() {}

  /**
   * A decision: read the file (from {@code from}, a known position, or its start if null), or skip
   * it; {@code note} is said once (null for none), {@code detail} shows in its status.
   */
  record Decision(boolean read, FilePosition from, String note, String detail) {}

  /**
   * Decides for the gzip file at {@code path} whose text starts with {@code text}: skipped if it is
   * a copy of a plain file being read ({@code plain}: their positions) or of a known file read to
   * its end; read from where a known file read part way stopped; read from its start if unknown and
   * {@code oldContentWanted}; else skipped as old content.
   */
  static Decision decide(
      Path path,
      byte[] text,
      List<FilePosition> plain,
      KnownFiles known,
      boolean oldContentWanted) {
    for (FilePosition p : plain) {
      if (FileIdentity.startsWith(text, p)) {
        return skip(path, "a compressed copy of " + p.path() + ", which is being read");
      }
    }
    KnownFiles.Known k = known.copyOf(text);
    if (k != null && k.readToEnd()) {
      return skip(path, "a compressed copy of " + k.at().path() + ", already read");
    }
    if (k != null) {
      String note =
          path
              + ": a compressed copy of "
              + k.at().path()
              + "; reading what was not read of it (from byte "
              + k.at().offset()
              + ")";
      return new Decision(true, k.at(), note, null);
    }
    return oldContentWanted
        ? new Decision(true, null, null, null)
        : new Decision(false, null, null, "compressed, older than the start: not read");
  }

  private static Decision skip(Path path, String why) {
    return new Decision(false, null, path + ": " + why + "; not read again", why);
  }
}

package dev.logmon.source;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A watcher of every regular file matching a glob such as {@code /var/log/nginx/*access.log}.
 *
 * <p>Each poll re-expands the glob: a new match gets its own {@link FileTailer} (files matching at
 * the first poll follow {@code options.fromStart()}; later ones are new content, read from their
 * start); a tailer whose path stopped matching is polled until it has drained its file and is then
 * dropped. The pattern is matched against absolute paths; {@code **} crosses directories.
 *
 * <p>Thread-safety: {@code pollOnce}, {@code run} and {@code close} belong to one thread; {@link
 * #status()} may be called from any thread.
 */
public final class GlobWatcher implements AutoCloseable {
  private final String pattern;
  private final Path base;
  private final int maxDepth;
  private final PathMatcher matcher;
  private final TailOptions options;
  private final Consumer<String> notes;
  private final Map<String, FilePosition> saved;
  private final Map<Path, FileTailer> tailers = new TreeMap<>();
  private boolean firstScan = true;
  private long bytesThisPoll;
  private volatile List<SourceStatus> status = List.of();

  /** Watches {@code pattern} (absolute, or relative to the working directory). */
  public GlobWatcher(String pattern, TailOptions options, Consumer<String> notes) {
    this(pattern, options, notes, null);
  }

  /** Watches {@code pattern}; each file resumes from {@code saved} (see {@link FileTailer}). */
  public GlobWatcher(
      String pattern,
      TailOptions options,
      Consumer<String> notes,
      Map<String, FilePosition> saved) {
    this.saved = saved;
    Objects.requireNonNull(pattern, "pattern");
    this.pattern = Path.of(pattern).toAbsolutePath().toString();
    this.options = Objects.requireNonNull(options, "options");
    this.notes = Objects.requireNonNull(notes, "notes");
    String[] parts = this.pattern.split("/", -1);
    int firstGlob = 0;
    while (firstGlob < parts.length && !hasGlob(parts[firstGlob])) {
      firstGlob++;
    }
    String dir = String.join("/", List.of(parts).subList(0, firstGlob));
    this.base = Path.of(dir.isEmpty() ? "/" : dir);
    this.maxDepth = this.pattern.contains("**") ? Integer.MAX_VALUE : parts.length - firstGlob;
    this.matcher = FileSystems.getDefault().getPathMatcher("glob:" + this.pattern);
  }

  /** The status of each file being tailed, in path order; callable from any thread. */
  public List<SourceStatus> status() {
    return status;
  }

  /** Expands the glob, then polls every tailer once; returns the number of lines delivered. */
  public int pollOnce(BatchSink sink) throws InterruptedException {
    TreeSet<Path> matches = expand();
    for (Path match : matches) {
      if (!tailers.containsKey(match)) {
        TailOptions forFile =
            new TailOptions(
                firstScan ? options.fromStart() : true,
                options.maxLineBytes(),
                options.maxBatchLines(),
                match.toString());
        tailers.put(match, new FileTailer(match, forFile, notes, saved));
      }
    }
    firstScan = false;
    int delivered = 0;
    bytesThisPoll = 0;
    List<SourceStatus> snapshot = new ArrayList<>();
    for (var it = tailers.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Path, FileTailer> entry = it.next();
      FileTailer tailer = entry.getValue();
      long before = tailer.status().bytes();
      delivered += tailer.pollOnce(sink);
      bytesThisPoll += tailer.status().bytes() - before;
      SourceStatus.State state = tailer.status().state();
      if (!matches.contains(entry.getKey())
          && (state == SourceStatus.State.WAITING || state == SourceStatus.State.ERROR)) {
        tailer.close(); // drained and gone: a file reappearing here is a new match
        it.remove();
      } else {
        snapshot.add(tailer.status());
      }
    }
    status = List.copyOf(snapshot);
    return delivered;
  }

  /**
   * Polls until {@code stop} says so, sleeping up to {@code pollInterval} after polls that read
   * nothing; a change event for the file ({@link ChangeSignal}) ends a sleep early.
   */
  public void run(BatchSink sink, Duration pollInterval, BooleanSupplier stop)
      throws InterruptedException {
    try (ChangeSignal changes = ChangeSignal.forDirectory(base)) {
      PollLoop.run(
          into -> {
            pollOnce(into);
            return bytesThisPoll;
          },
          sink,
          pollInterval,
          stop,
          this::close,
          changes);
    }
  }

  /** Closes every tailer. */
  @Override
  public void close() {
    tailers.values().forEach(FileTailer::close);
  }

  private TreeSet<Path> expand() {
    TreeSet<Path> found = new TreeSet<>();
    if (!Files.isDirectory(base)) {
      return found;
    }
    try {
      Files.walkFileTree(
          base,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          maxDepth,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile() && matcher.matches(file)) {
                found.add(file);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE; // unreadable or vanished mid-walk: skip it
            }
          });
    } catch (IOException e) {
      notes.accept("cannot list " + base + " for " + pattern + ": " + e);
    }
    return found;
  }

  private static boolean hasGlob(String part) {
    return part.indexOf('*') >= 0
        || part.indexOf('?') >= 0
        || part.indexOf('[') >= 0
        || part.indexOf('{') >= 0;
  }
}

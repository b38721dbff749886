package dev.logmon.source;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A watcher of every regular file matching a glob such as {@code /var/log/nginx/access.log*},
 * following each file by its identity (device and inode, confirmed by its first bytes), not by its
 * name.
 *
 * <p>Each poll lists the glob's matches. A file already followed keeps its reader and offset under
 * whatever name it has now, so a glob that covers the rotated names ({@code access.log*}) counts
 * every line once however many rotations (renames) happen between two polls. A file not met before
 * is new content, read from its start; so are the files at the first listing if {@code
 * options.fromStart()}, else those are read from the size they had then ({@link #start()} fixes
 * it). A file the listings of two polls in a row miss, each confirmed by a second listing (deleted,
 * or renamed out of the glob; a listing racing a rename can miss a file still there), is read to
 * its end through the descriptor still open, then remembered ({@link KnownFiles}) and dropped; met
 * again, it goes on where it stopped. Two paths naming one file (hard links, symlinks) are one
 * file.
 *
 * <p>With saved positions (a state file), each file is looked up by identity among them, and one
 * found goes on from its saved offset whatever it is named now; if the glob was followed before,
 * any other file appeared since and is read from its start. So a restart is exact however many
 * rotations happened while logmon was stopped, as long as the rotated files still match.
 *
 * <p>A gzip file (recognised by its magic bytes) is never taken for lines. Once every plain file's
 * first bytes are known, its text is compared with them: a compressed copy of a file being read, or
 * of a known file read to its end, is skipped with one note; a copy of a known file read part way
 * is read from where that one stopped; an unknown one is read once, from its start, when its old
 * content is wanted (as for plain files) and it has stopped growing.
 *
 * <p>When the process runs out of file descriptors ({@link DescriptorLimit}), files that cannot be
 * opened show as not opened and wait in line; each poll then parks (closes) up to {@link
 * #PARK_PER_POLL} open files read to their end, least recently active first, and opens waiting
 * ones, so every file is read in turn. The pattern is matched against absolute paths.
 *
 * <p>Thread-safety: {@code start}, {@code pollOnce}, {@code run} and {@code close} belong to one
 * thread ({@code start} may run on the thread that starts the watcher, before); {@link #statuses()}
 * may be called from any thread.
 */
public final class GlobWatcher implements LogSource {
  /** The most files parked in one poll to make room for files waiting for a descriptor. */
  static final int PARK_PER_POLL = 64;

  private final GlobPattern pattern;
  private final Listing listing;
  private final TailOptions options;
  private final Consumer<String> notes;
  private final boolean tracking;
  private final boolean followedBefore;
  private final GlobContext ctx;
  private final Map<Object, GlobFile> files = new LinkedHashMap<>(); // first met first
  private final ArrayDeque<GlobFile> waiting = new ArrayDeque<>();
  private boolean listedOnce;
  private boolean waitingNoted;
  private long polls;
  private long bytesThisPoll;
  private volatile List<SourceStatus> status = List.of();

  /**
   * Watches {@code pattern} (absolute, or relative to the working directory); files resume from
   * {@code saved} (positions by path; null: none) and are held open within {@code descriptors}
   * (shared by every watcher of the process).
   *
   * @throws IllegalArgumentException if the pattern is not a valid glob
   */
  public GlobWatcher(
      String pattern,
      TailOptions options,
      Consumer<String> notes,
      Map<String, FilePosition> saved,
      DescriptorLimit descriptors) {
    this(
        GlobPattern.compile(Objects.requireNonNull(pattern, "pattern")),
        null,
        options,
        notes,
        saved,
        descriptors);
  }

  /** As above, with the glob listed by {@code listing} (tests stand in for racing renames). */
  GlobWatcher(
      GlobPattern pattern,
      Listing listing,
      TailOptions options,
      Consumer<String> notes,
      Map<String, FilePosition> saved,
      DescriptorLimit descriptors) {
    this.pattern = pattern;
    this.listing = listing != null ? listing : pattern::expand;
    this.options = Objects.requireNonNull(options, "options");
    this.notes = Objects.requireNonNull(notes, "notes");
    this.tracking = saved != null;
    this.followedBefore = saved != null && saved.keySet().stream().anyMatch(this.pattern::matches);
    this.ctx =
        new GlobContext(
            notes, new KnownFiles(saved == null ? List.of() : saved.values()), descriptors);
  }

  /** Lists the glob's matches; {@link GlobPattern#expand} but for tests. */
  interface Listing {
    /** The matches now, in path order, or null if the listing was cut short. */
    List<GlobPattern.Match> list(Consumer<String> notes);
  }

  /** The status of each file being followed, in path order; callable from any thread. */
  @Override
  public List<SourceStatus> statuses() {
    return status;
  }

  /**
   * Lists the glob for the first time, fixing where each file's reading begins, without opening or
   * reading one; the first poll does it otherwise. See {@link FileTailer#start()}.
   */
  @Override
  public void start() {
    if (!listedOnce) {
      List<GlobPattern.Match> matches = listing.list(notes);
      if (matches != null) {
        reconcile(matches);
      }
      publish();
    }
  }

  /** Lists the glob, then reads every file once; returns the number of lines delivered. */
  public int pollOnce(BatchSink sink) throws InterruptedException {
    start();
    polls++;
    List<GlobPattern.Match> matches = listing.list(notes);
    // A listing cut short for lack of descriptors says nothing about which files are gone.
    List<GlobFile> gone = matches == null ? List.of() : stillGone(reconcile(matches));
    if (matches != null) {
      noteWhileNothingMatches();
    }
    long lines = 0;
    bytesThisPoll = 0;
    while (!waiting.isEmpty() && waiting.peekFirst().open(ctx)) {
      waiting.pollFirst().waiting(false);
    }
    for (GlobFile f : files.values()) {
      if (f.needsOpening() && !f.waiting() && (!waiting.isEmpty() || !f.open(ctx))) {
        f.waiting(true);
        waiting.addLast(f);
      }
      f.trackRename();
    }
    announce(sink);
    for (GlobFile f : files.values()) {
      long before = f.status().bytes();
      lines += f.read(ctx, sink, polls);
      bytesThisPoll += f.status().bytes() - before;
    }
    decideCompressed(sink);
    for (GlobFile f : gone) {
      long before = f.status().bytes();
      f.retire(ctx, sink);
      bytesThisPoll += f.status().bytes() - before;
      files.remove(f.key());
      waiting.remove(f);
    }
    if (!waiting.isEmpty()) {
      park(Math.min(waiting.size(), PARK_PER_POLL));
    }
    publish();
    return (int) lines;
  }

  /**
   * Sends the position of every file opened or renamed since the last poll under its current name,
   * before any line is read. The state file keeps one position per name, and a stop can cut these
   * short anywhere (the pipeline counts a prefix of what was sent), so a file takes a name only
   * once the file whose position is saved there has sent its own under another name: no position is
   * ever replaced by another file's. A file whose name another one still holds (a listing racing
   * renames saw that one at a stale name, or missed it) waits, its positions saved under its old
   * name, and a new file is not read until it has a name. Names passed round in a cycle (swapped)
   * are taken in turn, one of them before its holder has moved.
   */
  private void announce(BatchSink sink) throws InterruptedException {
    List<GlobFile> due = new ArrayList<>();
    for (GlobFile f : files.values()) {
      if (f.announcing()) {
        due.add(f);
      }
    }
    if (due.isEmpty()) {
      return;
    }
    Map<String, GlobFile> holder = new HashMap<>();
    for (GlobFile f : files.values()) {
      if (f.announcedAs() != null) {
        holder.put(f.announcedAs(), f);
      }
    }
    Map<String, List<GlobFile>> waitingFor = new HashMap<>();
    ArrayDeque<GlobFile> free = new ArrayDeque<>();
    for (GlobFile f : due) {
      GlobFile h = holder.get(f.currentName());
      if (h == null) {
        free.add(f);
      } else {
        waitingFor.computeIfAbsent(f.currentName(), k -> new ArrayList<>()).add(f);
      }
    }
    Set<GlobFile> sent = new HashSet<>();
    while (true) {
      while (!free.isEmpty()) {
        GlobFile f = free.poll();
        String name = f.currentName();
        if (holder.get(name) != null) {
          waitingFor.computeIfAbsent(name, k -> new ArrayList<>()).add(f); // taken meanwhile
          continue;
        }
        String left = f.announcedAs();
        f.announce(sink);
        sent.add(f);
        holder.put(name, f);
        if (left != null && holder.remove(left, f)) {
          List<GlobFile> next = waitingFor.remove(left);
          if (next != null) {
            free.addAll(next);
          }
        }
      }
      GlobFile cut = firstInCycle(due, sent, holder);
      if (cut == null) {
        return;
      }
      // Swapped names: it goes first; its name's holder follows, freeing the name it leaves.
      holder.remove(cut.currentName());
      waitingFor.get(cut.currentName()).remove(cut);
      free.add(cut);
    }
  }

  /**
   * A file of {@code due} not yet {@code sent} whose name's holder waits for another name, and so
   * on, back to the file itself; null if none (each one left waits for a file that is not moving).
   */
  private static GlobFile firstInCycle(
      List<GlobFile> due, Set<GlobFile> sent, Map<String, GlobFile> holder) {
    for (GlobFile f : due) {
      if (sent.contains(f)) {
        continue;
      }
      Set<GlobFile> path = new HashSet<>();
      GlobFile g = f;
      while (g != null && !sent.contains(g) && g.announcing() && path.add(g)) {
        g = holder.get(g.currentName());
      }
      if (g == f) {
        return f;
      }
    }
    return null;
  }

  /**
   * Says once, while no file has matched yet, that the glob waits for one, so a glob that matches
   * nothing is not taken for a broken one.
   */
  private void noteWhileNothingMatches() {
    if (!waitingNoted && files.isEmpty()) {
      notes.accept("waiting for files matching " + options.displayName());
    }
    waitingNoted = true; // said, or a file matched: per-file notes tell the rest
  }

  /**
   * Polls until {@code stop} says so, sleeping up to {@code pollInterval} after polls that read
   * nothing; a change event in the glob's base directory ({@link ChangeSignal}) ends a sleep early.
   */
  @Override
  public void run(BatchSink sink, Duration pollInterval, BooleanSupplier stop)
      throws InterruptedException {
    try (ChangeSignal changes = ChangeSignal.forDirectory(pattern.base())) {
      PollLoop.run(
          into -> {
            pollOnce(into);
            return bytesThisPoll;
          },
          sink,
          pollInterval,
          stop,
          this::close,
          changes,
          System::nanoTime);
    }
  }

  /** Closes every file. */
  @Override
  public void close() {
    files.values().forEach(f -> f.close(ctx));
    publish();
  }

  /** Matches the listing to the files by key; returns the files it missed. */
  private List<GlobFile> reconcile(List<GlobPattern.Match> matches) {
    boolean first = !listedOnce;
    listedOnce = true;
    Set<Object> listed = new HashSet<>();
    for (GlobPattern.Match m : matches) {
      Object key = keyOf(m);
      if (!listed.add(key)) {
        continue; // another name of a file already listed
      }
      GlobFile f = files.get(key);
      if (f != null) {
        f.seen(m.path(), m.attrs());
      } else {
        boolean skipOld = first && !options.fromStart() && !followedBefore;
        TailOptions forFile =
            new TailOptions(
                options.fromStart(),
                options.maxLineBytes(),
                options.maxBatchLines(),
                m.path().toString());
        files.put(key, new GlobFile(key, m.path(), m.attrs(), skipOld, forFile, tracking));
      }
    }
    List<GlobFile> missed = new ArrayList<>();
    for (GlobFile f : files.values()) {
      if (!listed.contains(f.key())) {
        missed.add(f);
      }
    }
    return missed;
  }

  /**
   * The files of {@code missed} that a fresh listing misses too and that the polls before missed as
   * well. A listing racing a rename can miss the renamed file (its old name listed, gone when
   * looked at) while its successor takes that old name: unconfirmed, the successor's position would
   * replace the file's under that name in the state file (a restart then read the file again), and
   * two such misses in a row let the file go (met again, it started over as a new source).
   */
  private List<GlobFile> stillGone(List<GlobFile> missed) {
    if (missed.isEmpty()) {
      return missed;
    }
    List<GlobPattern.Match> again = listing.list(notes);
    if (again == null) {
      return List.of();
    }
    Map<Object, GlobPattern.Match> byKey = new HashMap<>();
    for (GlobPattern.Match m : again) {
      byKey.putIfAbsent(keyOf(m), m);
    }
    List<GlobFile> gone = new ArrayList<>();
    for (GlobFile f : missed) {
      GlobPattern.Match m = byKey.get(f.key());
      if (m != null) {
        f.seen(m.path(), m.attrs());
      } else if (f.unseen()) {
        gone.add(f);
      }
    }
    return gone;
  }

  /** A file's identity in {@link #files}: device and inode, or its path where there are none. */
  private static Object keyOf(GlobPattern.Match m) {
    return m.attrs().fileKey() != null ? m.attrs().fileKey() : m.path();
  }

  /** Decides each opened gzip file, once no plain file's first bytes are unknown. */
  private void decideCompressed(BatchSink sink) throws InterruptedException {
    List<GlobFile> undecided = new ArrayList<>();
    for (GlobFile f : files.values()) {
      if (f.phase() == GlobFile.Phase.NEW) {
        return; // it may be the plain file a gzip file copies
      }
      if (f.phase() == GlobFile.Phase.UNDECIDED) {
        undecided.add(f);
      }
    }
    if (undecided.isEmpty()) {
      return;
    }
    List<FilePosition> plain = new ArrayList<>();
    for (GlobFile f : files.values()) {
      if (f.phase() == GlobFile.Phase.PLAIN) {
        plain.add(f.position());
      }
    }
    for (GlobFile gz : undecided) {
      try {
        byte[] text = CompressedFile.textPrefix(gz.undecidedChannel());
        if (text == null) {
          continue; // cut short: still being written; look again next poll
        }
        gz.decide(ctx, text, plain);
      } catch (IOException e) {
        notes.accept("cannot read " + gz.path() + ": not a readable gzip file: " + e.getMessage());
        gz.retire(ctx, sink); // undecided: closes it, reads nothing
      }
    }
  }

  /** Parks up to {@code n} open files read to their end, least recently read first. */
  private void park(int n) {
    files.values().stream()
        .filter(GlobFile::parkable)
        .sorted(Comparator.comparingLong(f -> f.lastRead))
        .limit(n)
        .toList()
        .forEach(f -> f.park(ctx));
  }

  private void publish() {
    List<SourceStatus> snapshot = new ArrayList<>(files.size());
    for (GlobFile f : files.values()) {
      snapshot.add(f.status());
    }
    snapshot.sort(Comparator.comparing(SourceStatus::name));
    status = List.copyOf(snapshot);
  }
}

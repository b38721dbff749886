package dev.logmon.source;

/**
 * The lines of one message-based source (a syslog host, a Kafka partition) on their way into {@link
 * LineBatch}es: each message is a line (one with newlines in it, several), cut to the line cap like
 * a file's lines, numbered from 1.
 *
 * <p>The one place these sources make batches, so that they follow the batch's shape wherever it
 * goes. Not thread-safe: it belongs to the thread that receives the messages.
 */
public final class MessageBatches {
  private final String source;
  private final BatchAssembler assembler;
  private final String vhost;

  /**
   * Batches of {@code source}'s lines; {@code vhost}, if not null, is the virtual host of the lines
   * whose format names none (a syslog sender's host).
   */
  public MessageBatches(String source, String vhost, int maxLineBytes, int maxBatchLines) {
    this.source = source;
    this.assembler = new BatchAssembler(source, maxLineBytes, maxBatchLines);
    this.vhost = vhost;
  }

  /** Adds the message {@code b[off, off + len)}; a trailing newline ends it, as does its end. */
  public void add(byte[] b, int off, int len) {
    assembler.feed(b, off, len);
    assembler.endOfInput();
  }

  /** The next full batch, or with {@code all} any lines held; null if there is none. */
  public LineBatch next(boolean all) {
    LineBatch b = assembler.next(all);
    return b == null || vhost == null ? b : b.withVhost(vhost);
  }

  /**
   * A batch without lines: it carries, in order with the others, the position of messages that held
   * no line (a Kafka record rejected), so that position can be committed once counted.
   */
  public LineBatch empty() {
    return new LineBatch(source, 0, new byte[0], 0, 0, null, new int[0]);
  }

  /** Whether lines are held that no batch carries yet. */
  public boolean hasPending() {
    return assembler.hasPending();
  }

  /** Lines cut to the line cap so far. */
  public long oversizeLines() {
    return assembler.oversizeLines();
  }
}

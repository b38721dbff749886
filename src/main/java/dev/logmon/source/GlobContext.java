package dev.logmon.source;

import java.util.function.Consumer;

/**
 * What the files of one {@link GlobWatcher} share: where notes go, the known files, and the
 * process's descriptor budget.
 */
record GlobContext(Consumer<String> notes, KnownFiles known, DescriptorLimit descriptors) {}

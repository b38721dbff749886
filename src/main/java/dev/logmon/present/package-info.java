/**
 * Stage 5 of the pipeline: shows immutable snapshots and alert events to people and programs (plain
 * text, JSON lines). Presenters never see mutable state.
 */
package dev.logmon.present;

/**
 * The syslog input ({@code --syslog}): receives messages over UDP and TCP (RFC 5424 and RFC 3164,
 * TCP octet-counted or newline-framed, RFC 6587), takes the access-log line out of each, and hands
 * the lines over per sending host, like a source stage's file. Depends only on {@code source}.
 */
package dev.logmon.source.syslog;

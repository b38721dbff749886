/**
 * User agents: which are robots ({@link dev.logmon.agent.Crawlers}, from the maintained
 * crawler-user-agents list vendored as a resource). Depends on nothing else in logmon.
 */
package dev.logmon.agent;

package dev.weft.yarn.am.provision;

/**
 * Why an executor's container ended, in words for users, and who is to blame.
 *
 * @param reason what happened, with YARN's diagnostics and a hint when there is one
 * @param countsAsFailure whether the application's executor failure count grows (its own fault)
 * @param nodeFault whether the node is suspect (its failures count towards excluding it)
 */
public record ExitExplanation(String reason, boolean countsAsFailure, boolean nodeFault) {}

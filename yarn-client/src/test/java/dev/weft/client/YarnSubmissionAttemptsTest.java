package dev.weft.client;

import static org.junit.Assert.assertEquals;

import dev.weft.core.config.WeftConfig;
import java.util.Map;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.util.Records;
import org.junit.Test;

/** The AM attempt settings that reach YARN's submission context. */
public class YarnSubmissionAttemptsTest {
  @Test
  public void theAttemptFailuresValidityIntervalIsPassedToYarnInMilliseconds() {
    ApplicationSubmissionContext ctx = Records.newRecord(ApplicationSubmissionContext.class);

    YarnSubmission.applyAttempts(
        ctx,
        WeftConfig.of(
            Map.of(
                "weft.yarn.maxAppAttempts", "3",
                "weft.yarn.am.attemptFailuresValidityInterval", "1h")));

    assertEquals(3, ctx.getMaxAppAttempts());
    assertEquals(3_600_000L, ctx.getAttemptFailuresValidityInterval());
  }

  @Test
  public void withoutAnIntervalYarnKeepsItsDefaultOfNeverExpiring() {
    ApplicationSubmissionContext ctx = Records.newRecord(ApplicationSubmissionContext.class);

    YarnSubmission.applyAttempts(ctx, WeftConfig.of(Map.of()));

    assertEquals(1, ctx.getMaxAppAttempts());
    assertEquals(-1L, ctx.getAttemptFailuresValidityInterval());
  }
}

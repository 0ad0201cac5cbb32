package dev.weft.shuffle.yarn;

import static dev.weft.shuffle.yarn.ServiceFixture.appId;
import static dev.weft.shuffle.yarn.ServiceFixture.initContext;
import static dev.weft.shuffle.yarn.ServiceFixture.secret;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import dev.weft.shuffle.server.ShuffleServerMetrics;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.hadoop.metrics2.AbstractMetric;
import org.apache.hadoop.metrics2.MetricsCollector;
import org.apache.hadoop.metrics2.MetricsInfo;
import org.apache.hadoop.metrics2.MetricsRecordBuilder;
import org.apache.hadoop.metrics2.MetricsTag;
import org.apache.hadoop.metrics2.lib.DefaultMetricsSystem;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The metrics2 source: what it publishes and how it is registered. */
public class ShuffleServiceMetricsSourceTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void everyServerCounterIsPublishedUnderItsName() {
    ShuffleServerMetrics server =
        () -> new ShuffleServerMetrics.Snapshot(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
    RecordingCollector collector = new RecordingCollector();

    new ShuffleServiceMetricsSource(server, () -> 14).getMetrics(collector, true);

    assertEquals(ShuffleServiceMetricsSource.NAME, collector.record);
    assertEquals(ShuffleServiceMetricsSource.CONTEXT, collector.context);
    Map<String, Number> expected = new LinkedHashMap<>();
    long value = 1;
    for (ShuffleServiceMetricsSource.Info info : ShuffleServiceMetricsSource.ALL) {
      expected.put(info.name(), value++);
    }
    assertEquals(expected, collector.values);
  }

  @Test
  public void aStartedServiceRegistersItsSourceAndStopUnregistersIt() throws IOException {
    WeftShuffleService service =
        ServiceFixture.started(ServiceFixture.conf(tmp.newFolder("nm")), null);
    try {
      service.initializeApplication(initContext(appId(1), secret("one")));
      String name = service.metricsSourceName();
      ShuffleServiceMetricsSource source =
          (ShuffleServiceMetricsSource) DefaultMetricsSystem.instance().getSource(name);
      RecordingCollector collector = new RecordingCollector();

      source.getMetrics(collector, true);

      assertEquals(1L, collector.values.get("RegisteredApplications"));
      assertEquals(0L, collector.values.get("BytesServed"));
      assertSame(source, DefaultMetricsSystem.instance().getSource(name));
    } finally {
      service.stop();
    }
    assertNull(DefaultMetricsSystem.instance().getSource(ShuffleServiceMetricsSource.NAME));
  }

  @Test
  public void inAMonitoringMetricsSystemTheCountersShowInJmxOncePerNodeManager() throws Exception {
    DefaultMetricsSystem.setMiniClusterMode(true);
    DefaultMetricsSystem.initialize("NodeManager");
    WeftShuffleService first = null;
    WeftShuffleService second = null;
    try {
      first = ServiceFixture.started(ServiceFixture.conf(tmp.newFolder("nm1")), null);
      second = ServiceFixture.started(ServiceFixture.conf(tmp.newFolder("nm2")), null);
      assertEquals(ShuffleServiceMetricsSource.NAME, first.metricsSourceName());
      assertEquals(ShuffleServiceMetricsSource.NAME + "-1", second.metricsSourceName());

      second.stop();

      // JMX caches a source's values for the metrics period (10 s), so this reads the values
      // as of registration; getMetrics is checked value by value in the test above.
      MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
      ObjectName firstBean = new ObjectName("Hadoop:service=NodeManager,name=WeftShuffleService");
      ObjectName secondBean =
          new ObjectName("Hadoop:service=NodeManager,name=WeftShuffleService-1");
      for (ShuffleServiceMetricsSource.Info info : ShuffleServiceMetricsSource.ALL) {
        assertEquals(
            info.name(), 0L, ((Number) jmx.getAttribute(firstBean, info.name())).longValue());
      }
      assertFalse("the stopped service's bean is gone", jmx.isRegistered(secondBean));
    } finally {
      for (WeftShuffleService s : new WeftShuffleService[] {first, second}) {
        if (s != null) {
          s.stop();
        }
      }
      DefaultMetricsSystem.shutdown();
      DefaultMetricsSystem.setMiniClusterMode(false);
    }
  }

  /** Keeps the last record's name, context and metric values. */
  private static final class RecordingCollector implements MetricsCollector {
    String record;
    String context;
    final Map<String, Number> values = new LinkedHashMap<>();

    @Override
    public MetricsRecordBuilder addRecord(String name) {
      record = name;
      return new Builder();
    }

    @Override
    public MetricsRecordBuilder addRecord(MetricsInfo info) {
      return addRecord(info.name());
    }

    private final class Builder extends MetricsRecordBuilder {
      @Override
      public MetricsRecordBuilder tag(MetricsInfo info, String value) {
        return this;
      }

      @Override
      public MetricsRecordBuilder add(MetricsTag tag) {
        return this;
      }

      @Override
      public MetricsRecordBuilder add(AbstractMetric metric) {
        values.put(metric.name(), metric.value());
        return this;
      }

      @Override
      public MetricsRecordBuilder setContext(String value) {
        context = value;
        return this;
      }

      @Override
      public MetricsRecordBuilder addCounter(MetricsInfo info, int value) {
        return put(info, (long) value);
      }

      @Override
      public MetricsRecordBuilder addCounter(MetricsInfo info, long value) {
        return put(info, value);
      }

      @Override
      public MetricsRecordBuilder addGauge(MetricsInfo info, int value) {
        return put(info, (long) value);
      }

      @Override
      public MetricsRecordBuilder addGauge(MetricsInfo info, long value) {
        return put(info, value);
      }

      @Override
      public MetricsRecordBuilder addGauge(MetricsInfo info, float value) {
        return put(info, value);
      }

      @Override
      public MetricsRecordBuilder addGauge(MetricsInfo info, double value) {
        return put(info, value);
      }

      @Override
      public MetricsCollector parent() {
        return RecordingCollector.this;
      }

      private MetricsRecordBuilder put(MetricsInfo info, Number value) {
        values.put(info.name(), value);
        return this;
      }
    }
  }
}

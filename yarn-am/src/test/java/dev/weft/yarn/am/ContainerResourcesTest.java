package dev.weft.yarn.am;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.junit.Test;

public class ContainerResourcesTest {
  private static final String STAGING = "hdfs://nn:8020/user/u/.weft/staging/application_1_0001";

  private static LaunchSpec spec(String stagingDir, LaunchSpec.Resource... resources) {
    return new LaunchSpec("com.acme.Main", List.of(), stagingDir, List.of(resources));
  }

  @Test
  public void jarsOnTheNodesOwnFileSystemAreUsedWhereTheyAreNotLocalized() {
    LaunchSpec spec =
        spec(
            STAGING,
            new LaunchSpec.Resource(LaunchSpec.APP_JAR, STAGING + "/app.jar", 20, 2, false, true),
            new LaunchSpec.Resource(
                "weft-core.jar", "file:/opt/weft/lib/weft-core.jar", 30, 3, false, true));

    Map<String, LocalResource> local = ContainerResources.localResources(spec);

    assertEquals(List.of(LaunchSpec.APP_JAR), List.copyOf(local.keySet()));
    assertEquals(
        "{{PWD}}/__weft_conf__<CPS>{{PWD}}/"
            + LaunchSpec.APP_JAR
            + "<CPS>/opt/weft/lib/weft-core.jar",
        ContainerResources.classpath(spec));
  }

  @Test
  public void filesOfALocalStagingDirectoryAndArchivesAreStillLocalized() {
    String staging = "file:/tmp/staging/application_1_0001";
    LaunchSpec spec =
        spec(
            staging,
            new LaunchSpec.Resource(LaunchSpec.APP_JAR, staging + "/app.jar", 20, 2, false, true),
            new LaunchSpec.Resource("deps", "file:/opt/deps.zip", 40, 4, true, true),
            new LaunchSpec.Resource("data.txt", "file:/opt/data.txt", 50, 5, false, false));

    Map<String, LocalResource> local = ContainerResources.localResources(spec);

    assertEquals(List.of(LaunchSpec.APP_JAR, "deps", "data.txt"), List.copyOf(local.keySet()));
    assertEquals(
        "{{PWD}}/__weft_conf__<CPS>{{PWD}}/" + LaunchSpec.APP_JAR + "<CPS>{{PWD}}/deps/*",
        ContainerResources.classpath(spec));
  }

  @Test
  public void onlyClasspathJarsWithAFileUriOutsideStagingAreInPlace() {
    String staging = "file:/tmp/staging/app";
    assertTrue(
        ContainerResources.inPlace(
            new LaunchSpec.Resource("a.jar", "file:/opt/a.jar", 1, 1, false, true),
            "/tmp/staging/app"));
    assertFalse(
        ContainerResources.inPlace(
            new LaunchSpec.Resource("a.jar", "hdfs://nn/opt/a.jar", 1, 1, false, true),
            "/tmp/staging/app"));
    assertFalse(
        ContainerResources.inPlace(
            new LaunchSpec.Resource("a.jar", staging + "/a.jar", 1, 1, false, true),
            "/tmp/staging/app"));
  }
}

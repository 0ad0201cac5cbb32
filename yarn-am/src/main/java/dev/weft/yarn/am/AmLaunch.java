package dev.weft.yarn.am;

/**
 * The command-line contract of the ApplicationMaster's container, shared by {@code yarn-submit}
 * (which builds the command) and {@link ApplicationMaster}.
 */
public final class AmLaunch {
  private AmLaunch() {}

  /** The AM's main class; it takes no arguments: everything is in {@link LaunchSpec}. */
  public static final String MAIN_CLASS = "dev.weft.yarn.am.ApplicationMaster";

  /**
   * The path of the driver's status document under the tracking URL: JSON with the application's
   * state and the progress of each running stage, which {@code yarn-submit} polls to print
   * progress.
   */
  public static final String STATUS_PATH = "/api/status";
}

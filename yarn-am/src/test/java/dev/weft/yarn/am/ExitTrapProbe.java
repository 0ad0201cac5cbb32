package dev.weft.yarn.am;

/**
 * A process for {@link ExitTrapTest}: installs the trap, then calls {@code System.exit} with its
 * argument; a shutdown hook prints what the trap saw, as the ApplicationMaster's hook reads it.
 */
public final class ExitTrapProbe {
  private ExitTrapProbe() {}

  public static void main(String[] args) {
    boolean installed = ExitTrap.install();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    System.out.println(
                        "installed=" + installed + " status=" + ExitTrap.exitStatus())));
    System.exit(Integer.parseInt(args[0]));
  }
}

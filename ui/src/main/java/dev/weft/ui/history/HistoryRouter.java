package dev.weft.ui.history;

import dev.weft.core.status.Views;
import dev.weft.ui.AccessControl;
import dev.weft.ui.AppUi;
import dev.weft.ui.GroupMapping;
import dev.weft.ui.Router;
import dev.weft.ui.UiConfig;
import dev.weft.ui.UiRequest;
import dev.weft.ui.UiResponse;
import dev.weft.ui.UiViews;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The history server's routes: the list of applications at the root, each application's pages under
 * {@code history/<log name>/} (the same pages as the live UI, read-only), and the REST API over all
 * of them under {@code api/v1/}.
 */
public final class HistoryRouter implements Router {
  private static final String HISTORY = "history/";
  private final HistoryProvider provider;
  private final GroupMapping groups;
  private final boolean aclsEnabled;

  /** With Hadoop's group mapping for the group ACLs, each application's own ACL switch. */
  public HistoryRouter(HistoryProvider provider) {
    this(provider, GroupMapping.hadoop(), false);
  }

  /**
   * @param groups the groups of a user, for {@code weft.*.acls.groups}
   */
  public HistoryRouter(HistoryProvider provider, GroupMapping groups) {
    this(provider, groups, false);
  }

  /**
   * @param groups the groups of a user, for {@code weft.*.acls.groups}
   * @param aclsEnabled {@code weft.history.ui.acls.enable}: check every application's view ACLs
   *     whatever its own {@code weft.acls.enable}
   */
  public HistoryRouter(HistoryProvider provider, GroupMapping groups, boolean aclsEnabled) {
    this.provider = provider;
    this.groups = groups;
    this.aclsEnabled = aclsEnabled;
  }

  private boolean canView(Views.Application app, String user) {
    if (!aclsEnabled) {
      return AccessControl.of(app, groups).canView(user);
    }
    Map<String, String> config = new HashMap<>(app.config());
    config.put(UiConfig.ACLS_ENABLE.name(), "true");
    return AccessControl.of(config, app.user(), groups).canView(user);
  }

  @Override
  public UiResponse route(UiRequest req) {
    try {
      String path = req.path();
      if (path.isEmpty()) {
        return UiResponse.html(
            HistoryPage.html(
                provider.list().stream()
                    .filter(e -> canView(e.store().application(), req.user()))
                    .toList()));
      }
      if (path.startsWith("static/")) {
        return UiViews.asset(req); // the shared stylesheet and script
      }
      if (path.startsWith(UiViews.API_PREFIX)) {
        UiResponse refused = refusedApi(path.substring(UiViews.API_PREFIX.length()), req.user());
        if (refused != null) {
          return refused;
        }
        return UiViews.api(
                name -> {
                  try {
                    HistoryProvider.Entry e = app(name);
                    return e == null ? null : AppUi.readOnly(e.store(), false);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                },
                () -> {
                  try {
                    return provider.applications().stream()
                        .filter(a -> canView(a, req.user()))
                        .toList();
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                },
                groups)
            .apply(path, req);
      }
      if (path.startsWith(HISTORY)) {
        String rest = path.substring(HISTORY.length());
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        HistoryProvider.Entry e = app(name);
        if (e == null) {
          return UiResponse.text(404, "No event log " + name + " in the history directory");
        }
        Views.Application a = e.store().application();
        if (!canView(a, req.user())) {
          return refusal(a, req.user());
        }
        if (slash < 0) {
          return UiResponse.redirect(name + "/"); // pages link relative to the app's base
        }
        return UiViews.page(
            AppUi.readOnly(e.store(), e.inProgress()),
            new UiRequest(rest.substring(slash + 1), req.params(), req.method(), req.user()),
            groups);
      }
      return UiResponse.text(404, "No page " + path);
    } catch (IOException | UncheckedIOException e) {
      return UiResponse.text(500, "Cannot read the event log directory: " + e.getMessage());
    }
  }

  /**
   * The refusal of {@code applications/<id>/...} of the REST API when the history server's ACL
   * switch is on and the user may not view that application; else null (the application's own
   * switch is checked by the API itself).
   */
  private UiResponse refusedApi(String apiPath, String user) throws IOException {
    String prefix = "applications/";
    if (!aclsEnabled || !apiPath.startsWith(prefix)) {
      return null;
    }
    String rest = apiPath.substring(prefix.length());
    int slash = rest.indexOf('/');
    HistoryProvider.Entry e = app(slash < 0 ? rest : rest.substring(0, slash));
    if (e == null || canView(e.store().application(), user)) {
      return null;
    }
    return refusal(e.store().application(), user);
  }

  private static UiResponse refusal(Views.Application app, String user) {
    return UiResponse.text(
        403,
        (user == null ? "An unauthenticated user" : "User " + user)
            + " may not view application "
            + app.id()
            + " (see weft.history.ui.acls.enable, weft.ui.view.acls, weft.admin.acls and their"
            + " .groups)");
  }

  /** A log by name, or the newest attempt of an application id. */
  private HistoryProvider.Entry app(String name) throws IOException {
    HistoryProvider.Entry e = provider.app(name);
    if (e != null) {
      return e;
    }
    for (HistoryProvider.Entry x : provider.list()) {
      Views.Application a = x.store().application();
      if (name.equals(a.id())) {
        return x;
      }
    }
    return null;
  }
}

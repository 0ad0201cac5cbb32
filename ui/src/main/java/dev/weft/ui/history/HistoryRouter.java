package dev.weft.ui.history;

import dev.weft.core.status.Views;
import dev.weft.ui.AccessControl;
import dev.weft.ui.AppUi;
import dev.weft.ui.GroupMapping;
import dev.weft.ui.Router;
import dev.weft.ui.UiRequest;
import dev.weft.ui.UiResponse;
import dev.weft.ui.UiViews;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The history server's routes: the list of applications at the root, each application's pages under
 * {@code history/<log name>/} (the same pages as the live UI, read-only), and the REST API over all
 * of them under {@code api/v1/}.
 */
public final class HistoryRouter implements Router {
  private static final String HISTORY = "history/";
  private final HistoryProvider provider;
  private final GroupMapping groups;

  /** With Hadoop's group mapping for the group ACLs. */
  public HistoryRouter(HistoryProvider provider) {
    this(provider, GroupMapping.hadoop());
  }

  /**
   * @param groups the groups of a user, for {@code weft.*.acls.groups}
   */
  public HistoryRouter(HistoryProvider provider, GroupMapping groups) {
    this.provider = provider;
    this.groups = groups;
  }

  @Override
  public UiResponse route(UiRequest req) {
    try {
      String path = req.path();
      if (path.isEmpty()) {
        return UiResponse.html(
            HistoryPage.html(
                provider.list().stream()
                    .filter(
                        e -> AccessControl.of(e.store().application(), groups).canView(req.user()))
                    .toList()));
      }
      if (path.startsWith("static/")) {
        return UiViews.asset(req); // the shared stylesheet and script
      }
      if (path.startsWith(UiViews.API_PREFIX)) {
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
                    return provider.applications();
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

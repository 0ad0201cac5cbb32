package dev.weft.ui;

import dev.weft.core.status.Views;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/** What other packages (the history server) need of the pages and the REST API. */
public final class UiViews {
  /** Where the REST API is, below the server's root. */
  public static final String API_PREFIX = RestApi.PREFIX;

  private UiViews() {}

  /** The page, asset or action at {@code req.path()} below an application's base. */
  public static UiResponse page(AppUi app, UiRequest req, GroupMapping groups) {
    return AppRoutes.handle(app, req, groups);
  }

  /** A static asset (stylesheet, script) below an application's base. */
  public static UiResponse asset(UiRequest req) {
    return AppRoutes.handle(null, req, GroupMapping.none());
  }

  /** The REST API over some applications, answering paths that start with {@link #API_PREFIX}. */
  public static BiFunction<String, UiRequest, UiResponse> api(
      Function<String, AppUi> apps, Supplier<List<Views.Application>> list, GroupMapping groups) {
    RestApi api = new RestApi(apps, list, groups);
    return (path, req) -> api.handle(path.substring(API_PREFIX.length()), req);
  }
}

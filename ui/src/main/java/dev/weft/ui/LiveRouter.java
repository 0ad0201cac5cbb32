package dev.weft.ui;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The routes of a running driver's UI: its pages at the root, the REST API under {@code api/v1/},
 * and extra JSON documents (the ApplicationMaster's {@code api/status} for {@code yarn-submit}).
 */
public final class LiveRouter implements Router {
  private final AppUi app;
  private final RestApi api;
  private final Map<String, Function<UiRequest, String>> documents = new ConcurrentHashMap<>();

  public LiveRouter(AppUi app) {
    this.app = app;
    this.api =
        new RestApi(
            id -> id.equals(app.store().application().id()) ? app : null,
            () -> List.of(app.store().application()));
  }

  /** Serves {@code json.get()} at {@code path} (no leading slash). */
  public LiveRouter addJson(String path, Supplier<String> json) {
    return addJson(path, req -> json.get());
  }

  /** Serves {@code json.apply(request)} at {@code path} (no leading slash). */
  public LiveRouter addJson(String path, Function<UiRequest, String> json) {
    documents.put(path, json);
    return this;
  }

  @Override
  public UiResponse route(UiRequest req) {
    String path = req.path();
    Function<UiRequest, String> doc =
        documents.get(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    if (doc != null) {
      return UiResponse.json(200, doc.apply(req));
    }
    if (path.startsWith(RestApi.PREFIX)) {
      return api.handle(path.substring(RestApi.PREFIX.length()), req);
    }
    return AppRoutes.handle(app, req);
  }
}

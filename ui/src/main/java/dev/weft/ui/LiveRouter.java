package dev.weft.ui;

import dev.weft.core.status.Views;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
  private final GroupMapping groups;
  private final Map<String, Function<UiRequest, String>> documents = new ConcurrentHashMap<>();
  private final Map<String, byte[]> documentTokens = new ConcurrentHashMap<>();

  /** With Hadoop's group mapping for the group ACLs. */
  public LiveRouter(AppUi app) {
    this(app, GroupMapping.hadoop());
  }

  /**
   * @param groups the groups of a user, for {@code weft.*.acls.groups}
   */
  public LiveRouter(AppUi app, GroupMapping groups) {
    this.app = app;
    this.groups = groups;
    this.api =
        new RestApi(
            id -> id.equals(app.store().application().id()) ? app : null,
            () -> List.of(app.store().application()),
            groups);
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

  /**
   * Serves {@code json.apply(request)} at {@code path} (no leading slash) to those the view ACLs
   * admit, and to anyone presenting {@code accessToken} in the {@value
   * UiServer#ACCESS_TOKEN_HEADER} header, directly rather than through the ResourceManager's proxy
   * (so that {@code yarn-submit}, which holds the token, sees the status when view ACLs are on).
   */
  public LiveRouter addJson(String path, Function<UiRequest, String> json, String accessToken) {
    if (accessToken == null || accessToken.isEmpty()) {
      throw new IllegalArgumentException("expected an access token for " + path + ", found none");
    }
    documentTokens.put(path, accessToken.getBytes(StandardCharsets.UTF_8));
    return addJson(path, json);
  }

  @Override
  public UiResponse routeWithToken(UiRequest req, String token) {
    String path = documentPath(req.path());
    byte[] expected = documentTokens.get(path);
    if (expected == null
        || !MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8))) {
      return null;
    }
    return UiResponse.json(200, documents.get(path).apply(req));
  }

  private static String documentPath(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  @Override
  public UiResponse route(UiRequest req) {
    String path = req.path();
    Function<UiRequest, String> doc = documents.get(documentPath(path));
    if (doc != null) {
      Views.Application a = app.store().application();
      if (!AccessControl.of(a, groups).canView(req.user())) {
        return UiResponse.text(403, AppRoutes.refusal(req.user(), "view", a.id()));
      }
      return UiResponse.json(200, doc.apply(req));
    }
    if (path.startsWith(RestApi.PREFIX)) {
      return api.handle(path.substring(RestApi.PREFIX.length()), req);
    }
    return AppRoutes.handle(app, req, groups);
  }
}

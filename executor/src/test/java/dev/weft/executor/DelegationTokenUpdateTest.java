package dev.weft.executor;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.junit.Test;

public class DelegationTokenUpdateTest {
  private static final Text SERVICE = new Text("127.0.0.1:8020-update-test");

  @Test
  public void tokensFromTheDriverReplaceTheCurrentUsersTokensOfTheSameService() throws Exception {
    UserGroupInformation user = UserGroupInformation.getCurrentUser();
    user.addToken(SERVICE, token("old"));

    DelegationTokenUpdate.apply(serialize(token("new")));

    Token<?> held = UserGroupInformation.getCurrentUser().getCredentials().getToken(SERVICE);
    assertArrayEquals("new".getBytes(StandardCharsets.UTF_8), held.getPassword());
  }

  @Test
  public void unreadableBytesLeaveTheTokensAsTheyWere() throws Exception {
    UserGroupInformation.getCurrentUser().addToken(SERVICE, token("kept"));

    DelegationTokenUpdate.apply(new byte[] {1, 2, 3});

    Token<?> held = UserGroupInformation.getCurrentUser().getCredentials().getToken(SERVICE);
    assertEquals("kept", new String(held.getPassword(), StandardCharsets.UTF_8));
  }

  private static Token<?> token(String password) {
    return new Token<>(
        new byte[] {1},
        password.getBytes(StandardCharsets.UTF_8),
        new Text("HDFS_DELEGATION_TOKEN"),
        SERVICE);
  }

  private static byte[] serialize(Token<?> t) throws Exception {
    Credentials c = new Credentials();
    c.addToken(SERVICE, t);
    DataOutputBuffer out = new DataOutputBuffer();
    c.writeTokenStorageToStream(out);
    return java.util.Arrays.copyOf(out.getData(), out.getLength());
  }
}

package dev.weft.core.serial;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * Java serialization for tasks: the lineage and the user's functions (lambdas implementing Weft's
 * serializable function interfaces). Classes resolve through the thread's context class loader,
 * which holds the application's jar.
 */
public final class JavaSerializer {
  private JavaSerializer() {}

  public static byte[] serialize(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (NotSerializableException e) {
      throw new SerializationException(
          "Task not serializable: "
              + e.getMessage()
              + " is captured by a function but is not Serializable (mark it transient or"
              + " make it Serializable)",
          null);
    } catch (IOException e) {
      throw new SerializationException("Task not serializable", e);
    }
    return bytes.toByteArray();
  }

  @SuppressWarnings("unchecked")
  public static <T> T deserialize(byte[] bytes) {
    try (ObjectInputStream in = new ContextObjectInputStream(new ByteArrayInputStream(bytes))) {
      return (T) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new SerializationException("Cannot deserialize task", e);
    }
  }

  private static final class ContextObjectInputStream extends ObjectInputStream {
    ContextObjectInputStream(InputStream in) throws IOException {
      super(in);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc)
        throws IOException, ClassNotFoundException {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      if (loader != null) {
        try {
          return Class.forName(desc.getName(), false, loader);
        } catch (ClassNotFoundException e) {
          // fall through to the default resolution (primitive types and the like)
        }
      }
      return super.resolveClass(desc);
    }
  }
}

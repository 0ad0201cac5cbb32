package dev.weft.executor.shuffle;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Runs a clean-up action once, when the wrapped iterator is exhausted.
 *
 * @param <T> the element type
 */
final class CompletionIterator<T> implements Iterator<T> {
  private final Iterator<T> delegate;
  private final Runnable onCompletion;
  private boolean completed;

  CompletionIterator(Iterator<T> delegate, Runnable onCompletion) {
    this.delegate = delegate;
    this.onCompletion = onCompletion;
  }

  @Override
  public boolean hasNext() {
    if (completed) {
      return false;
    }
    if (delegate.hasNext()) {
      return true;
    }
    completed = true;
    onCompletion.run();
    return false;
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return delegate.next();
  }
}

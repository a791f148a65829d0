package coedit.todo.data;

import java.util.Objects;

/** Mark todo {@code index} (from 0) of {@code userId}'s list completed at {@code timeMillis}. */
public record CompleteTodo(String userId, int index, long timeMillis) implements TodoEvent {
  public CompleteTodo {
    Objects.requireNonNull(userId, "userId");
  }
}

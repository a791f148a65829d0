package coedit.todo.data;

import java.util.Objects;

/** Append a todo with {@code text} to the end of {@code userId}'s list. */
public record NewTodo(String userId, String text) implements TodoEvent {
  public NewTodo {
    Objects.requireNonNull(userId, "userId");
  }
}

package coedit.todo.data;

/** A record of {@code *todoDepot}; every event belongs to one user, who picks its partition. */
public sealed interface TodoEvent permits NewTodo, CompleteTodo, ReorderTodo {
  /** The owner of the todo list; never null. */
  String userId();
}

package coedit.editor.data;

/**
 * The subkey of the idempotency index {@code $$submissions}: one submission number of one
 * client of one user within a document. {@code author} null is the open mode's anonymous
 * user. Keys of different users never collide, so one user cannot answer or poison another
 * user's {@code (clientId, seq)}. Encoded so that one (author, client)'s subkeys form one
 * contiguous range sorted by seq (see {@link EditorCodecs#CLIENT_SEQ}).
 */
public record ClientSeq(String author, String clientId, long seq) {

  /** A key of the anonymous user. */
  public ClientSeq(String clientId, long seq) {
    this(null, clientId, seq);
  }

  /** The same (author, client) at another seq. */
  public ClientSeq withSeq(long s) {
    return new ClientSeq(author, clientId, s);
  }

  /** True when {@code other} is of the same author and client. */
  public boolean sameSubmitter(ClientSeq other) {
    return clientId.equals(other.clientId) && java.util.Objects.equals(author, other.author);
  }
}

package coedit.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import coedit.editor.data.RejectCode;
import coedit.editor.data.SubmitResult.Rejected;
import coedit.protocol.ProtocolException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gate turns a rejection into a protocol error by its code alone, never by its words. */
class SubmitGateTest {

  @Test
  void everyRejectCodeMapsToItsProtocolCodeAndStatusWhateverTheMessageSays() {
    Map<RejectCode, Integer> status = Map.of(
        RejectCode.BAD_ID, 400, RejectCode.BAD_MESSAGE, 400, RejectCode.INVALID_CHANGE, 400,
        RejectCode.VERSION_AHEAD, 409, RejectCode.TOO_LARGE, 413, RejectCode.SEQ_CONFLICT, 409, RejectCode.HISTORY_COMPACTED, 410, RejectCode.INTERNAL, 500);
    for (RejectCode code : RejectCode.values()) {
      // Messages that mention other outcomes' words, as the old string sniffing matched them.
      for (String message : new String[] {"", "version 7 is ahead", "too large", "invalid"}) {
        ProtocolException e = SubmitGate.refusal(new Rejected(code, message));
        assertEquals(code.wireName(), e.code(), code + " / " + message);
        assertEquals(status.get(code), e.httpStatus(), code + " / " + message);
        assertEquals(message, e.getMessage());
      }
    }
  }
}

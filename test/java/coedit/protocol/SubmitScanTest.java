package coedit.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link SubmitScan}: the seq of a submit, wherever it sits, and null for anything else. */
class SubmitScanTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "seq first              | {\"type\":\"submit\",\"seq\":7,\"version\":0,\"edits\":[]}           | 7",
      "seq after the edits    | {\"type\":\"submit\",\"version\":0,\"edits\":[{\"type\":\"insert\",\"offset\":0,\"text\":\"x\"}],\"seq\":9} | 9",
      "type after the seq     | {\"seq\":3,\"edits\":[{\"a\":[1,{\"b\":2}]}],\"type\":\"submit\"}        | 3",
      "another type           | {\"type\":\"presence\",\"seq\":4}                                      | -1",
      "negative seq           | {\"type\":\"submit\",\"seq\":-1}                                       | -1",
      "fractional seq         | {\"type\":\"submit\",\"seq\":1.5}                                      | -1",
      "string seq             | {\"type\":\"submit\",\"seq\":\"1\"}                                    | -1",
      "nested seq only        | {\"type\":\"submit\",\"edits\":[{\"seq\":5}]}                          | -1",
      "not JSON               | submit seq 5                                                           | -1",
      "truncated after both   | {\"type\":\"submit\",\"seq\":6,\"edits\":[{\"text\":\"unfinish        | 6",
  })
  void findsTheTopLevelSeqOfASubmit(String name, String message, long expected) {
    Long seq = SubmitScan.seqOfSubmit(message);
    if (expected < 0) assertNull(seq, name);
    else assertEquals(expected, seq, name);
  }

  @org.junit.jupiter.api.Test
  void aMegabyteOfTextIsScannedNotBuilt() {
    String big = "{\"type\":\"submit\",\"version\":0,\"edits\":[{\"type\":\"insert\",\"offset\":0,\"text\":\""
        + "é".repeat(1 << 20) + "\"}],\"seq\":42}";
    assertEquals(42L, SubmitScan.seqOfSubmit(big));
  }
}

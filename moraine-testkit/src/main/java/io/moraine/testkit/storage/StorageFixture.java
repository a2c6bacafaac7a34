package io.moraine.testkit.storage;

import io.moraine.core.storage.Storage;

/**
 * What the contract interfaces need from a test class: the store under test, opened fresh for each
 * test in an empty directory. {@link StorageContractTest} implements it; implement it directly only
 * to run a subset of the contract interfaces.
 */
public interface StorageFixture {
  /** The open store under test. */
  Storage storage();

  /**
   * Closes the store under test and opens it again on the same directory; the new one becomes
   * {@link #storage()}.
   *
   * @throws UnsupportedOperationException when {@link #reopenSupported()} is false
   */
  Storage reopen();

  /** Whether the store keeps committed data across close and reopen of its directory. */
  boolean reopenSupported();

  /** Number of operations of the random differential workload. */
  int differentialOperations();
}

/**
 * Storage test support: the {@link io.moraine.testkit.storage.StorageContractTest} kit that every
 * {@link io.moraine.core.storage.Storage} implementation extends, the {@link
 * io.moraine.testkit.storage.ReferenceStorage} oracle, and the {@link
 * io.moraine.testkit.storage.RecordingAppendable} fake.
 */
@NullMarked
package io.moraine.testkit.storage;

import org.jspecify.annotations.NullMarked;

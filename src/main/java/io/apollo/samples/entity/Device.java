package io.apollo.samples.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A device, and the one collection (security group) its first accepted POST put it in. The
 * table also records when that was ({@code created_at}, set by the database).
 */
@Entity
@Table(name = "devices")
// Not @Cacheable: a device deleted and registered anew, maybe by another instance and in another
// collection, must never be read from a stale copy (persistence.xml turns the shared cache off).
public class Device {

    public static final int ID_LENGTH = 128;
    public static final int COLLECTION_LENGTH = 128;

    @Id
    @Column(name = "device_id", length = ID_LENGTH)
    private String id;

    @Column(name = "collection_id", length = COLLECTION_LENGTH, nullable = false, updatable = false)
    private String collectionId;

    protected Device() {
    }

    public String collectionId() {
        return collectionId;
    }
}

package dev.cccf.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A named volume whose data is on the network (an nfs or cifs share): the same from every host. */
class SharedVolumeTest {

    @Test
    void theLocalDriverMountingANetworkShareIsSharedAndAnythingElseIsNot() {
        Document doc = Cccf.parse("""
                volumes:
                  media: {options: {type: nfs, o: "addr=10.0.0.5,rw", device: ":/export/media"}}
                  media4: {driver: local, options: {type: nfs4, o: "addr=10.0.0.5", device: ":/m"}}
                  smb: {options: {type: cifs, device: "//10.0.0.6/share", o: "username=u"}}
                  ram: {options: {type: tmpfs, device: tmpfs}}
                  plain: {}
                  plugin: {driver: rexray/ebs, options: {type: nfs}}
                containers: []
                """);

        assertThat(doc.declarations().sharedVolumes()).containsExactly("media", "media4", "smb");
        assertThat(doc.declarations().volumes().get("plain").isShared()).isFalse();
        assertThat(Declarations.NONE.sharedVolumes()).isEmpty();
    }
}

//! Just enough DER reading to take the PKCS#1 `RSAPrivateKey` out of a PKCS#8 `PrivateKeyInfo`:
//! aws-lc-rs hands out PKCS#8, while GitHub hands out PKCS#1 ("BEGIN RSA PRIVATE KEY"), and
//! clients must be tested with the form they will really be given.

const SEQUENCE: u8 = 0x30;
const INTEGER: u8 = 0x02;
const OCTET_STRING: u8 = 0x04;
/// `AlgorithmIdentifier` of rsaEncryption: OID 1.2.840.113549.1.1.1 followed by NULL.
const RSA_ENCRYPTION: &[u8] = &[
    0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00,
];

/// One tag-length-value element: its tag, its contents, and what follows it.
fn element(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, mut rest) = rest.split_first()?;
    let len = if first < 0x80 {
        usize::from(first)
    } else {
        // Long form: the low bits say how many length bytes follow (DER never needs more
        // than a handful; four covers any key).
        let count = usize::from(first & 0x7F);
        if count == 0 || count > 4 || rest.len() < count {
            return None;
        }
        let (bytes, after) = rest.split_at(count);
        rest = after;
        bytes
            .iter()
            .fold(0usize, |len, &b| (len << 8) | usize::from(b))
    };
    if rest.len() < len {
        return None;
    }
    let (contents, after) = rest.split_at(len);
    Some((tag, contents, after))
}

/// The contents of an element with `tag`, and what follows it.
fn expect(input: &[u8], tag: u8) -> Option<(&[u8], &[u8])> {
    let (found, contents, rest) = element(input)?;
    (found == tag).then_some((contents, rest))
}

/// The PKCS#1 `RSAPrivateKey` inside an RSA PKCS#8 `PrivateKeyInfo`, or `None` when the input
/// is not one.
pub(crate) fn pkcs1_from_pkcs8(pkcs8: &[u8]) -> Option<&[u8]> {
    let (info, trailing) = expect(pkcs8, SEQUENCE)?;
    if !trailing.is_empty() {
        return None;
    }
    let (_version, rest) = expect(info, INTEGER)?;
    let (algorithm, rest) = expect(rest, SEQUENCE)?;
    if algorithm != RSA_ENCRYPTION {
        return None;
    }
    let (private_key, _attributes) = expect(rest, OCTET_STRING)?;
    Some(private_key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_short_and_long_lengths() {
        assert_eq!(
            element(&[0x04, 0x02, 1, 2, 9]),
            Some((0x04, &[1, 2][..], &[9][..]))
        );
        let mut long = vec![0x04, 0x82, 0x01, 0x00];
        long.extend(std::iter::repeat_n(7, 256));
        let (tag, contents, rest) = element(&long).expect("long form");
        assert_eq!((tag, contents.len(), rest.len()), (0x04, 256, 0));
    }

    #[test]
    fn refuses_truncated_and_odd_input() {
        for bad in [
            &[][..],
            &[0x30],
            &[0x30, 0x05, 1, 2],
            &[0x30, 0x80],
            &[0x30, 0x85, 1, 1, 1, 1, 1],
            &[0x30, 0x82, 0x01],
        ] {
            assert_eq!(element(bad), None, "{bad:?}");
        }
        assert_eq!(pkcs1_from_pkcs8(&[0x30, 0x00]), None);
        // A SEQUENCE whose algorithm is not rsaEncryption.
        let other = [
            0x30, 0x0A, 0x02, 0x01, 0x00, 0x30, 0x02, 0x05, 0x00, 0x04, 0x01, 0xFF,
        ];
        assert_eq!(pkcs1_from_pkcs8(&other), None);
    }
}

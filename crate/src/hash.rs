//! CPython's hash values (with PYTHONHASHSEED=0), for the one place they show:
//! the iteration order of sets.

use crate::dict::Key;

const MODULUS: u64 = (1 << 61) - 1;
const BITS: u32 = 61;

/// hash() of a value image, as CPython 3.12+ computes it.
pub fn hash(k: &Key) -> i64 {
    match k {
        Key::None => 0xFCA8_6420,
        Key::Int(i) => hash_int(*i as i128),
        Key::Big(s) => {
            let v = crate::vm::parse_big_int(s);
            let m = num_bigint::BigInt::from(MODULUS);
            let r = &v % &m;
            let r: i64 = num_traits::ToPrimitive::to_i64(&r).unwrap_or(0);
            fix(r)
        }
        Key::Float(bits) => hash_float(f64::from_bits(*bits)),
        Key::Str(s) => hash_str(s),
        Key::Tuple(items) => hash_tuple(items),
        Key::Slice(parts) => hash_slice(parts),
        Key::User(h, _) | Key::Frozen(h, _) => *h,
        Key::Ident(slot) => {
            // _Py_HashPointer: the address rotated by 4 bits
            let addr = 0x7f00_0000_0000u64 + (*slot as u64) * 64;
            (addr.rotate_right(4)) as i64
        }
    }
}

/// frozenset_hash over its members' hashes: order does not matter.
pub fn hash_frozenset(members: &[Key]) -> i64 {
    let shuffle = |h: u64| ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167);
    let mut h: u64 = 0;
    for k in members {
        h ^= shuffle(hash(k) as u64);
    }
    h ^= (members.len() as u64 + 1).wrapping_mul(1927868237);
    h ^= (h >> 11) ^ (h >> 25);
    h = h.wrapping_mul(69069).wrapping_add(907133923);
    if h == u64::MAX {
        590923713
    } else {
        h as i64
    }
}

fn fix(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

fn hash_int(v: i128) -> i64 {
    let m = MODULUS as i128;
    let r = if v >= 0 { v % m } else { -((-v) % m) };
    fix(r as i64)
}

fn hash_float(v: f64) -> i64 {
    if v.is_infinite() {
        return if v > 0.0 { 314159 } else { -314159 };
    }
    if v.is_nan() {
        return 0;
    }
    if v.fract() == 0.0 && v.abs() < 1e18 {
        return hash_int(v as i128);
    }
    let (mut m, mut e) = frexp(v);
    let mut sign: i64 = 1;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (BITS - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 { (e as u32) % BITS } else { BITS - 1 - (((-1 - e) as u32) % BITS) };
    x = ((x << e) & MODULUS) | (x >> (BITS - e));
    fix((x as i64).wrapping_mul(sign))
}

fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 {
        return (0.0, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(v * 2f64.powi(64));
        return (m, e - 64);
    }
    let e = exp - 1022;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, e)
}

/// The bytes CPython hashes: one, two or four bytes per character by the widest.
fn str_data(s: &str) -> Vec<u8> {
    let max = s.chars().map(|c| c as u32).max().unwrap_or(0);
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        let c = c as u32;
        if max < 256 {
            out.push(c as u8);
        } else if max < 65536 {
            out.extend_from_slice(&(c as u16).to_le_bytes());
        } else {
            out.extend_from_slice(&c.to_le_bytes());
        }
    }
    out
}

fn hash_str(s: &str) -> i64 {
    if s.is_empty() {
        return 0;
    }
    fix(siphash13(0, 0, &str_data(s)) as i64)
}

/// SipHash-1-3, as CPython's Py_HASH_SIPHASH13.
fn siphash13(k0: u64, k1: u64, src: &[u8]) -> u64 {
    let mut v0 = k0 ^ 0x736f6d6570736575;
    let mut v1 = k1 ^ 0x646f72616e646f6d;
    let mut v2 = k0 ^ 0x6c7967656e657261;
    let mut v3 = k1 ^ 0x7465646279746573;
    let round = |v0: &mut u64, v1: &mut u64, v2: &mut u64, v3: &mut u64| {
        *v0 = v0.wrapping_add(*v1);
        *v1 = v1.rotate_left(13);
        *v1 ^= *v0;
        *v0 = v0.rotate_left(32);
        *v2 = v2.wrapping_add(*v3);
        *v3 = v3.rotate_left(16);
        *v3 ^= *v2;
        *v0 = v0.wrapping_add(*v3);
        *v3 = v3.rotate_left(21);
        *v3 ^= *v0;
        *v2 = v2.wrapping_add(*v1);
        *v1 = v1.rotate_left(17);
        *v1 ^= *v2;
        *v2 = v2.rotate_left(32);
    };
    let b = (src.len() as u64) << 56;
    let mut chunks = src.chunks_exact(8);
    for c in &mut chunks {
        let m = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        v3 ^= m;
        round(&mut v0, &mut v1, &mut v2, &mut v3);
        v0 ^= m;
    }
    let mut t = 0u64;
    for (i, &byte) in chunks.remainder().iter().enumerate() {
        t |= (byte as u64) << (8 * i);
    }
    let m = b | t;
    v3 ^= m;
    round(&mut v0, &mut v1, &mut v2, &mut v3);
    v0 ^= m;
    v2 ^= 0xff;
    for _ in 0..3 {
        round(&mut v0, &mut v1, &mut v2, &mut v3);
    }
    (v0 ^ v1) ^ (v2 ^ v3)
}

const P1: u64 = 11400714785074694791;
const P2: u64 = 14029467366897019727;
const P5: u64 = 2870177450012600261;

/// One round of CPython's xxHash-based tuple hash.
fn xx_lane(acc: u64, lane: u64) -> u64 {
    acc.wrapping_add(lane.wrapping_mul(P2)).rotate_left(31).wrapping_mul(P1)
}

fn hash_tuple(items: &[Key]) -> i64 {
    let mut acc = P5;
    for k in items {
        acc = xx_lane(acc, hash(k) as u64);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return 1546275796;
    }
    acc as i64
}

/// A slice's hash: the tuple's steps over start, stop and step, without the
/// length folded in (so `slice(1, 2)` and `(1, 2, None)` hash apart).
fn hash_slice(parts: &[Key]) -> i64 {
    let mut acc = P5;
    for k in parts {
        acc = xx_lane(acc, hash(k) as u64);
    }
    if acc == u64::MAX {
        return 1546275796;
    }
    acc as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    // Values printed by CPython 3.13 with PYTHONHASHSEED=0.
    #[test]
    fn hashes_match_cpython() {
        assert_eq!(hash(&Key::Int(-1)), -2);
        assert_eq!(hash(&Key::Int(1 << 62)), 2);
        assert_eq!(hash(&Key::None), 4238894112);
        assert_eq!(hash(&Key::Float(0.1f64.to_bits())), 230584300921369408);
        assert_eq!(hash(&Key::Str(Rc::from("a"))), 4644417185603328019);
        assert_eq!(hash(&Key::Str(Rc::from("hello"))), -2096571579003691106);
        assert_eq!(hash(&Key::Float(1.5f64.to_bits())), 1152921504606846977);
        assert_eq!(hash(&Key::Str(Rc::from(""))), 0);
        assert_eq!(hash(&Key::Tuple(Rc::from(vec![Key::Int(1), Key::Int(2)]))), -3550055125485641917);
    }
}

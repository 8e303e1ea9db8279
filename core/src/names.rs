//! Pinyin search keys for Chinese names: 张三 → ("zhangsan", "zs"), so the desk finds a
//! resident by typing "zs" or "zhangsan" as well as the characters.

use pinyin::ToPinyin;

/// Surnames read differently from the character's most common reading.
const SURNAME_READINGS: &[(char, &str)] = &[
    ('单', "shan"),
    ('曾', "zeng"),
    ('解', "xie"),
    ('仇', "qiu"),
    ('区', "ou"),
    ('朴', "piao"),
    ('查', "zha"),
    ('翟', "zhai"),
    ('乐', "yue"),
    ('缪', "miao"),
    ('尉', "yu"),
    ('覃', "qin"),
    ('盖', "ge"),
    ('召', "shao"),
    ('种', "chong"),
    ('秘', "bi"),
    ('长', "chang"),
    ('重', "chong"),
    ('柏', "bai"),
    ('蕃', "pi"),
];

/// Full pinyin without tones or spaces, and the initials. Letters and digits in the name
/// are kept (lower-cased); other symbols (·, spaces) are dropped.
pub fn search_keys(name: &str) -> (String, String) {
    let mut full = String::new();
    let mut initials = String::new();
    for (i, (ch, py)) in name.chars().zip(name.to_pinyin()).enumerate() {
        let reading = match (i, SURNAME_READINGS.iter().find(|(c, _)| *c == ch)) {
            (0, Some((_, r))) => Some(*r),
            _ => py.map(|p| p.plain()),
        };
        match reading {
            Some(r) => {
                // ü is typed as v on every Chinese keyboard (lv = 吕).
                let r = r.replace('ü', "v");
                full.push_str(&r);
                initials.extend(r.chars().next());
            }
            None if ch.is_ascii_alphanumeric() => {
                let c = ch.to_ascii_lowercase();
                full.push(c);
                initials.push(c);
            }
            None => {}
        }
    }
    (full, initials)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_to_pinyin_and_initials() {
        assert_eq!(search_keys("张三"), ("zhangsan".into(), "zs".into()));
        assert_eq!(search_keys("欧阳娜娜"), ("ouyangnana".into(), "oynn".into()));
        assert_eq!(search_keys("吕绿"), ("lvlv".into(), "ll".into()));
    }

    #[test]
    fn polyphonic_surnames_use_the_surname_reading() {
        assert_eq!(search_keys("单田芳").0, "shantianfang");
        assert_eq!(search_keys("曾国藩").1, "zgf");
        // Only the first character is a surname.
        assert_eq!(search_keys("王单").0, "wangdan");
    }

    #[test]
    fn other_characters() {
        assert_eq!(search_keys("阿依古丽·买买提").1, "aygl mmt".replace(' ', ""));
        assert_eq!(search_keys("Anna李").0, "annali");
    }
}

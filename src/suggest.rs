//! "Did you mean": the closest known word to a likely typo, for every message that offers one
//! (unknown keys, ids, rules, templates).

/// The closest of `candidates` to `word`, if close enough to be a likely typo, whatever the case.
pub fn closest<'a, S>(word: &str, candidates: impl IntoIterator<Item = &'a S>) -> Option<&'a str>
where
    S: AsRef<str> + ?Sized + 'a,
{
    // Case is the likeliest slip of all (`FR` for `fr`): compare without it.
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            let c = c.as_ref();
            (strsim::jaro_winkler(&word, &c.to_lowercase()), c)
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// "did you mean `x`? " for the closest candidate, or nothing: the start of a help line.
pub fn did_you_mean<'a, S>(word: &str, candidates: impl IntoIterator<Item = &'a S>) -> String
where
    S: AsRef<str> + ?Sized + 'a,
{
    closest(word, candidates).map_or_else(String::new, |s| format!("did you mean `{s}`? "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_whatever_the_case_and_nothing_far() {
        let known = ["controller", "processor"];
        assert_eq!(closest("controler", &known), Some("controller"));
        assert_eq!(closest("PROCESSOR", &known), Some("processor"));
        assert_eq!(closest("zzz", &known), None);
        assert_eq!(
            did_you_mean("procesor", &known),
            "did you mean `processor`? "
        );
        assert_eq!(did_you_mean("zzz", &known), "");
    }
}

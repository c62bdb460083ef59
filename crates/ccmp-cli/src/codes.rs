//! `ccmp codes`: the response-code registry as a table.

use std::process::ExitCode;

use ccmp::ResponseCode;

pub fn run() -> ExitCode {
    match crate::out::stdout(&table()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

fn table() -> String {
    let codes: Vec<ResponseCode> = ResponseCode::all().collect();
    let width = codes.iter().map(|c| c.reason().len()).max().unwrap_or(0);
    let mut out = format!("{:<4} {:<width$}  {}\n", "Code", "Default response string", "Description");
    for code in codes {
        out.push_str(&format!("{:<4} {:<width$}  {}\n", code.as_u16(), code.reason(), code.description()));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_table_lists_every_code_once_with_its_string() {
        let table = super::table();
        assert_eq!(table.lines().count(), 19);
        assert!(table.lines().any(|l| l.starts_with("425  Forbidden Delete Parent ")));
        assert!(table.lines().nth(1).is_some_and(|l| l.starts_with("200  Success ")));
    }
}

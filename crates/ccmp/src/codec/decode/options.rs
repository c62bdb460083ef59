//! options-type (RFC 6503 section 5.3.12).

use super::{El, Reader, Result};
use crate::message::{ExtendedMessage, ExtendedMessageList, MessageKind, Options, StandardMessage};
use crate::unknown::Unknown;
use crate::xcon::Operation;

pub(crate) fn options<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<Options> {
    let mut o = Options::default();
    r.foreign_attrs(el, &mut o.unknown)?;
    while let Some(x) = r.child(el)? {
        match (x.ns.is_ccmp_local(), x.local()) {
            (true, "standard-message-list") => {
                r.foreign_attrs(&x, &mut o.standard_list_unknown)?;
                while let Some(m) = r.child(&x)? {
                    match (m.ns.is_ccmp_local(), m.local()) {
                        (true, "standard-message") => o.standard_messages.extend(standard_message(r, &m)?),
                        _ => r.keep(&mut o.standard_list_unknown, &m)?,
                    }
                }
            }
            (true, "extended-message-list") => o.extended_message_list = Some(extended_list(r, &x)?),
            _ => r.keep(&mut o.unknown, &x)?,
        }
    }
    Ok(o)
}

/// A standard message, or `None` for a name that is no CCMP request (skipped: the server cannot
/// mean anything this client could send).
fn standard_message<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<Option<StandardMessage>> {
    let mut unknown = Unknown::default();
    r.foreign_attrs(el, &mut unknown)?;
    let (mut name, mut operations, mut schema_def, mut description) = (None, None, None, None);
    while let Some(x) = r.child(el)? {
        match (x.ns.is_ccmp_local(), x.local()) {
            (true, "name") => name = Some(r.text(&x)?),
            (true, "operations") => operations = Some(operations_list(r, &x, &mut unknown)?),
            (true, "schema-def") => schema_def = Some(r.text(&x)?),
            (true, "description") => description = Some(r.text(&x)?),
            _ => r.keep(&mut unknown, &x)?,
        }
    }
    let kind =
        name.as_deref().map(str::trim).and_then(|n| MessageKind::ALL.into_iter().find(|k| k.request_name() == n));
    Ok(kind.map(|name| StandardMessage { name, operations, schema_def, description, unknown }))
}

fn extended_list<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<ExtendedMessageList> {
    let mut l = ExtendedMessageList::default();
    r.foreign_attrs(el, &mut l.unknown)?;
    while let Some(x) = r.child(el)? {
        match (x.ns.is_ccmp_local(), x.local()) {
            (true, "extended-message") => {
                let mut m = ExtendedMessage::default();
                r.foreign_attrs(&x, &mut m.unknown)?;
                while let Some(y) = r.child(&x)? {
                    match (y.ns.is_ccmp_local(), y.local()) {
                        (true, "name") => m.name = r.text(&y)?,
                        (true, "operations") => m.operations = Some(operations_list(r, &y, &mut m.unknown)?),
                        (true, "schema-def") => m.schema_def = r.text(&y)?,
                        (true, "description") => m.description = Some(r.text(&y)?),
                        _ => r.keep(&mut m.unknown, &y)?,
                    }
                }
                l.messages.push(m);
            }
            _ => r.keep(&mut l.unknown, &x)?,
        }
    }
    Ok(l)
}

fn operations_list<'a>(r: &mut Reader<'a>, el: &El<'a>, unknown: &mut Unknown) -> Result<Vec<Operation>> {
    let mut ops = Vec::new();
    while let Some(x) = r.child(el)? {
        match (x.ns.is_ccmp_local(), x.local()) {
            (true, "operation") => ops.extend(r.value(&x, unknown, Operation::parse)?),
            _ => r.skip(&x)?,
        }
    }
    Ok(ops)
}

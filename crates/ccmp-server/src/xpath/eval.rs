//! Evaluating the XPath subset over a [`Dom`], with XPath 1.0's conversions and comparisons.

use super::dom::{Child, Dom};
use super::parse::{Axis, Expr, Op, Path, Step, Test};

/// Names the root element also answers to (the payload elements that carry a conference document).
const ROOT_ALIASES: &[&str] =
    &["conference-info", "confInfo", "blueprintInfo", "sidebarByValInfo", "sidebarByRefInfo", "entry", "conference"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NodeRef {
    Element(usize),
    Attr(usize, usize),
    Text(usize, usize),
}

enum Value {
    Nodes(Vec<NodeRef>),
    Str(String),
    Num(f64),
    Bool(bool),
}

struct Context {
    node: NodeRef,
    position: usize,
    size: usize,
}

/// The boolean value of `expr` on `dom`, with the conference element as the context node.
pub fn boolean_of(dom: &Dom, expr: &Expr) -> bool {
    let node = if dom.nodes.len() > 1 { NodeRef::Element(1) } else { NodeRef::Element(0) };
    let value = eval(dom, expr, &Context { node, position: 1, size: 1 });
    to_bool(dom, &value)
}

fn string_of(dom: &Dom, node: NodeRef) -> String {
    match node {
        NodeRef::Element(e) => dom.text(e),
        NodeRef::Attr(e, a) => dom.nodes[e].attrs[a].1.clone(),
        NodeRef::Text(e, t) => match &dom.nodes[e].children[t] {
            Child::Text(s) => s.clone(),
            Child::Element(_) => String::new(),
        },
    }
}

fn to_string(dom: &Dom, v: &Value) -> String {
    match v {
        Value::Nodes(n) => n.first().map(|n| string_of(dom, *n)).unwrap_or_default(),
        Value::Str(s) => s.clone(),
        Value::Num(n) => {
            if n.fract() == 0.0 && n.is_finite() {
                format!("{}", *n as i64)
            } else {
                n.to_string()
            }
        }
        Value::Bool(b) => b.to_string(),
    }
}

fn str_to_num(s: &str) -> f64 {
    s.trim().parse().unwrap_or(f64::NAN)
}

fn to_num(dom: &Dom, v: &Value) -> f64 {
    match v {
        Value::Num(n) => *n,
        Value::Bool(b) => f64::from(u8::from(*b)),
        other => str_to_num(&to_string(dom, other)),
    }
}

fn to_bool(dom: &Dom, v: &Value) -> bool {
    let _ = dom;
    match v {
        Value::Nodes(n) => !n.is_empty(),
        Value::Str(s) => !s.is_empty(),
        Value::Num(n) => *n != 0.0 && !n.is_nan(),
        Value::Bool(b) => *b,
    }
}

fn eval(dom: &Dom, expr: &Expr, ctx: &Context) -> Value {
    match expr {
        Expr::Or(a, b) => Value::Bool(to_bool(dom, &eval(dom, a, ctx)) || to_bool(dom, &eval(dom, b, ctx))),
        Expr::And(a, b) => Value::Bool(to_bool(dom, &eval(dom, a, ctx)) && to_bool(dom, &eval(dom, b, ctx))),
        Expr::Compare(op, a, b) => Value::Bool(compare(dom, *op, &eval(dom, a, ctx), &eval(dom, b, ctx))),
        Expr::Negate(e) => Value::Num(-to_num(dom, &eval(dom, e, ctx))),
        Expr::Literal(s) => Value::Str(s.clone()),
        Expr::Number(n) => Value::Num(*n),
        Expr::Call(name, args) => call(dom, name, args, ctx),
        Expr::Path(p) => Value::Nodes(path(dom, p, ctx.node)),
    }
}

fn compare(dom: &Dom, op: Op, a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Nodes(x), Value::Nodes(y)) => {
            x.iter().any(|n| y.iter().any(|m| atoms(op, &string_of(dom, *n), &string_of(dom, *m))))
        }
        (Value::Nodes(x), other) => x.iter().any(|n| compare(dom, op, &Value::Str(string_of(dom, *n)), other)),
        (other, Value::Nodes(y)) => y.iter().any(|m| compare(dom, op, other, &Value::Str(string_of(dom, *m)))),
        _ => match op {
            Op::Eq | Op::Ne => {
                let equal = match (a, b) {
                    (Value::Bool(_), _) | (_, Value::Bool(_)) => to_bool(dom, a) == to_bool(dom, b),
                    (Value::Num(_), _) | (_, Value::Num(_)) => to_num(dom, a) == to_num(dom, b),
                    _ => to_string(dom, a) == to_string(dom, b),
                };
                equal == (op == Op::Eq)
            }
            _ => numbers(op, to_num(dom, a), to_num(dom, b)),
        },
    }
}

/// Two node string-values compared: as strings for = and !=, as numbers otherwise.
fn atoms(op: Op, a: &str, b: &str) -> bool {
    match op {
        Op::Eq => a == b,
        Op::Ne => a != b,
        _ => numbers(op, str_to_num(a), str_to_num(b)),
    }
}

fn numbers(op: Op, a: f64, b: f64) -> bool {
    match op {
        Op::Eq => a == b,
        Op::Ne => a != b,
        Op::Lt => a < b,
        Op::Le => a <= b,
        Op::Gt => a > b,
        Op::Ge => a >= b,
    }
}

fn call(dom: &Dom, name: &str, args: &[Expr], ctx: &Context) -> Value {
    let arg = |i: usize| args.get(i).map(|a| eval(dom, a, ctx));
    let text = |i: usize| arg(i).map(|v| to_string(dom, &v)).unwrap_or_else(|| string_of(dom, ctx.node));
    match name {
        "not" => Value::Bool(!arg(0).is_some_and(|v| to_bool(dom, &v))),
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        "boolean" => Value::Bool(arg(0).is_some_and(|v| to_bool(dom, &v))),
        "count" => Value::Num(match arg(0) {
            Some(Value::Nodes(n)) => n.len() as f64,
            _ => f64::NAN,
        }),
        "contains" => Value::Bool(text(0).contains(&text(1))),
        "starts-with" => Value::Bool(text(0).starts_with(&text(1))),
        "string" => Value::Str(text(0)),
        "concat" => Value::Str((0..args.len()).map(text).collect()),
        "normalize-space" => Value::Str(text(0).split_whitespace().collect::<Vec<_>>().join(" ")),
        "string-length" => Value::Num(text(0).chars().count() as f64),
        "number" => Value::Num(arg(0).map_or_else(|| str_to_num(&string_of(dom, ctx.node)), |v| to_num(dom, &v))),
        "position" => Value::Num(ctx.position as f64),
        "last" => Value::Num(ctx.size as f64),
        "local-name" | "name" => {
            let node = match arg(0) {
                Some(Value::Nodes(n)) => n.first().copied(),
                Some(_) => None,
                None => Some(ctx.node),
            };
            Value::Str(match node {
                Some(NodeRef::Element(e)) => dom.nodes[e].name.clone(),
                Some(NodeRef::Attr(e, a)) => dom.nodes[e].attrs[a].0.clone(),
                _ => String::new(),
            })
        }
        // An unknown function selects nothing rather than failing the whole list.
        _ => Value::Bool(false),
    }
}

fn path(dom: &Dom, p: &Path, context: NodeRef) -> Vec<NodeRef> {
    let mut current = vec![if p.absolute { NodeRef::Element(0) } else { context }];
    for step in &p.steps {
        let mut next: Vec<NodeRef> = Vec::new();
        for node in &current {
            let selected = apply_step(dom, step, *node);
            for n in selected {
                if !next.contains(&n) {
                    next.push(n);
                }
            }
        }
        current = next;
    }
    current
}

fn apply_step(dom: &Dom, step: &Step, node: NodeRef) -> Vec<NodeRef> {
    let NodeRef::Element(e) = node else {
        return match step.axis {
            Axis::SelfNode if matches!(step.test, Test::Node) => vec![node],
            Axis::Parent => match node {
                NodeRef::Attr(p, _) | NodeRef::Text(p, _) => vec![NodeRef::Element(p)],
                NodeRef::Element(_) => vec![],
            },
            _ => vec![],
        };
    };
    let mut candidates: Vec<NodeRef> = Vec::new();
    match step.axis {
        Axis::Child => {
            for (i, c) in dom.nodes[e].children.iter().enumerate() {
                match c {
                    Child::Element(x) => candidates.push(NodeRef::Element(*x)),
                    Child::Text(_) => candidates.push(NodeRef::Text(e, i)),
                }
            }
        }
        Axis::Descendant | Axis::DescendantOrSelf => {
            if step.axis == Axis::DescendantOrSelf {
                candidates.push(node);
            }
            let mut all = Vec::new();
            dom.descendants(e, &mut all);
            candidates.extend(all.into_iter().map(NodeRef::Element));
        }
        Axis::SelfNode => candidates.push(node),
        Axis::Parent => candidates.extend(dom.nodes[e].parent.map(NodeRef::Element)),
        Axis::Attribute => candidates.extend((0..dom.nodes[e].attrs.len()).map(|a| NodeRef::Attr(e, a))),
    }
    let mut selected: Vec<NodeRef> = candidates.into_iter().filter(|n| test(dom, &step.test, *n, step.axis)).collect();
    for predicate in &step.predicates {
        let size = selected.len();
        selected = selected
            .into_iter()
            .enumerate()
            .filter(|(i, n)| {
                let ctx = Context { node: *n, position: i + 1, size };
                match eval(dom, predicate, &ctx) {
                    Value::Num(k) => k == (i + 1) as f64,
                    other => to_bool(dom, &other),
                }
            })
            .map(|(_, n)| n)
            .collect();
    }
    selected
}

fn test(dom: &Dom, test: &Test, node: NodeRef, axis: Axis) -> bool {
    match (test, node) {
        (Test::Node, _) => true,
        (Test::Text, NodeRef::Text(..)) => true,
        (Test::Text, _) => false,
        (Test::Any, NodeRef::Element(e)) => axis != Axis::Attribute && e != 0,
        (Test::Any, NodeRef::Attr(..)) => axis == Axis::Attribute,
        (Test::Name(n), NodeRef::Element(e)) => {
            e != 0 && (dom.nodes[e].name == *n || (e == 1 && ROOT_ALIASES.contains(&n.as_str())))
        }
        (Test::Name(n), NodeRef::Attr(e, a)) => dom.nodes[e].attrs[a].0 == *n,
        _ => false,
    }
}

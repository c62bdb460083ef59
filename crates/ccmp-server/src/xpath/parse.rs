//! XPath 1.0 subset: tokens and a recursive-descent parser to an expression tree.

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Or(Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Compare(Op, Box<Expr>, Box<Expr>),
    Negate(Box<Expr>),
    Literal(String),
    Number(f64),
    Call(String, Vec<Expr>),
    Path(Path),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    pub absolute: bool,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub axis: Axis,
    pub test: Test,
    pub predicates: Vec<Expr>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    Child,
    Descendant,
    DescendantOrSelf,
    SelfNode,
    Parent,
    Attribute,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    /// A local name (any prefix is dropped).
    Name(String),
    Any,
    Text,
    Node,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Slash,
    DoubleSlash,
    LBracket,
    RBracket,
    LParen,
    RParen,
    At,
    Comma,
    Dot,
    DotDot,
    Star,
    Minus,
    Op(Op),
    ColonColon,
    Literal(String),
    Number(f64),
    Name(String),
}

#[derive(Debug, PartialEq, Eq)]
pub struct ParseError(String);

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn err<T>(text: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError(text.into()))
}

fn tokenize(text: &str) -> Result<Vec<Token>, ParseError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let (token, width) = match c {
            ' ' | '\t' | '\n' | '\r' => {
                i += 1;
                continue;
            }
            '/' if next == Some('/') => (Token::DoubleSlash, 2),
            '/' => (Token::Slash, 1),
            '[' => (Token::LBracket, 1),
            ']' => (Token::RBracket, 1),
            '(' => (Token::LParen, 1),
            ')' => (Token::RParen, 1),
            '@' => (Token::At, 1),
            ',' => (Token::Comma, 1),
            '*' => (Token::Star, 1),
            '-' => (Token::Minus, 1),
            '=' => (Token::Op(Op::Eq), 1),
            '!' if next == Some('=') => (Token::Op(Op::Ne), 2),
            '<' if next == Some('=') => (Token::Op(Op::Le), 2),
            '<' => (Token::Op(Op::Lt), 1),
            '>' if next == Some('=') => (Token::Op(Op::Ge), 2),
            '>' => (Token::Op(Op::Gt), 1),
            ':' if next == Some(':') => (Token::ColonColon, 2),
            '.' if next == Some('.') => (Token::DotDot, 2),
            '.' if !next.is_some_and(|n| n.is_ascii_digit()) => (Token::Dot, 1),
            '\'' | '"' => {
                let end = chars[i + 1..]
                    .iter()
                    .position(|&x| x == c)
                    .ok_or_else(|| ParseError("unterminated string".into()))?;
                let literal: String = chars[i + 1..i + 1 + end].iter().collect();
                (Token::Literal(literal), end + 2)
            }
            c if c.is_ascii_digit() || c == '.' => {
                let len = chars[i..].iter().take_while(|x| x.is_ascii_digit() || **x == '.').count();
                let text: String = chars[i..i + len].iter().collect();
                let n = text.parse().map_err(|_| ParseError(format!("{text:?} is not a number")))?;
                (Token::Number(n), len)
            }
            c if c.is_alphabetic() || c == '_' => {
                let mut len =
                    chars[i..].iter().take_while(|x| x.is_alphanumeric() || matches!(x, '_' | '-' | '.')).count();
                // A prefix: `info:entry` (but not the axis separator `::`).
                if chars.get(i + len) == Some(&':')
                    && chars.get(i + len + 1).is_some_and(|x| x.is_alphabetic() || *x == '_' || *x == '*')
                {
                    len += 1;
                    len += chars[i + len..]
                        .iter()
                        .take_while(|x| x.is_alphanumeric() || matches!(x, '_' | '-' | '.' | '*'))
                        .count();
                }
                (Token::Name(chars[i..i + len].iter().collect()), len)
            }
            other => return err(format!("unexpected {other:?}")),
        };
        out.push(token);
        i += width;
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
    depth: usize,
}

/// Parses a whole expression.
pub fn parse(text: &str) -> Result<Expr, ParseError> {
    let mut p = Parser { tokens: tokenize(text)?, at: 0, depth: 0 };
    let expr = p.or()?;
    if p.at != p.tokens.len() {
        return err(format!("unexpected {:?}", p.tokens[p.at]));
    }
    Ok(expr)
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }
    fn bump(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.at).cloned();
        self.at += 1;
        t
    }
    fn eat(&mut self, t: &Token) -> bool {
        if self.peek() == Some(t) {
            self.at += 1;
            true
        } else {
            false
        }
    }
    fn is_keyword(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Token::Name(n)) if n == word)
    }

    fn or(&mut self) -> Result<Expr, ParseError> {
        self.depth += 1;
        if self.depth > 64 {
            return err("the expression is nested too deeply");
        }
        let mut left = self.and()?;
        while self.is_keyword("or") {
            self.at += 1;
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        self.depth -= 1;
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.compare()?;
        while self.is_keyword("and") {
            self.at += 1;
            left = Expr::And(Box::new(left), Box::new(self.compare()?));
        }
        Ok(left)
    }

    fn compare(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.unary()?;
        while let Some(Token::Op(op)) = self.peek().cloned() {
            self.at += 1;
            let right = self.unary()?;
            left = Expr::Compare(op, Box::new(bare_boolean(left)), Box::new(bare_boolean(right)));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, ParseError> {
        if self.eat(&Token::Minus) {
            return Ok(Expr::Negate(Box::new(self.unary()?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Expr, ParseError> {
        match self.peek().cloned() {
            Some(Token::Literal(s)) => {
                self.at += 1;
                Ok(Expr::Literal(s))
            }
            Some(Token::Number(n)) => {
                self.at += 1;
                Ok(Expr::Number(n))
            }
            Some(Token::LParen) => {
                self.at += 1;
                let e = self.or()?;
                if !self.eat(&Token::RParen) {
                    return err("missing )");
                }
                Ok(e)
            }
            Some(Token::Name(name))
                if self.tokens.get(self.at + 1) == Some(&Token::LParen)
                    && !matches!(name.as_str(), "text" | "node") =>
            {
                self.at += 2;
                let mut args = Vec::new();
                if !self.eat(&Token::RParen) {
                    loop {
                        args.push(self.or()?);
                        if self.eat(&Token::RParen) {
                            break;
                        }
                        if !self.eat(&Token::Comma) {
                            return err(format!("missing ) after the arguments of {name}"));
                        }
                    }
                }
                Ok(Expr::Call(name, args))
            }
            Some(_) => Ok(Expr::Path(self.path()?)),
            None => err("the expression ends too early"),
        }
    }

    fn path(&mut self) -> Result<Path, ParseError> {
        let mut steps = Vec::new();
        let absolute = match self.peek() {
            Some(Token::Slash) => {
                self.at += 1;
                if !self.starts_step() {
                    return Ok(Path { absolute: true, steps });
                }
                true
            }
            Some(Token::DoubleSlash) => {
                self.at += 1;
                steps.push(Step { axis: Axis::DescendantOrSelf, test: Test::Node, predicates: vec![] });
                true
            }
            _ => false,
        };
        steps.push(self.step()?);
        loop {
            if self.eat(&Token::Slash) {
                steps.push(self.step()?);
            } else if self.eat(&Token::DoubleSlash) {
                steps.push(Step { axis: Axis::DescendantOrSelf, test: Test::Node, predicates: vec![] });
                steps.push(self.step()?);
            } else {
                return Ok(Path { absolute, steps });
            }
        }
    }

    fn starts_step(&self) -> bool {
        matches!(self.peek(), Some(Token::Name(_) | Token::At | Token::Star | Token::Dot | Token::DotDot))
    }

    fn step(&mut self) -> Result<Step, ParseError> {
        if self.eat(&Token::Dot) {
            return Ok(Step { axis: Axis::SelfNode, test: Test::Node, predicates: vec![] });
        }
        if self.eat(&Token::DotDot) {
            return Ok(Step { axis: Axis::Parent, test: Test::Node, predicates: vec![] });
        }
        let mut axis = Axis::Child;
        if self.eat(&Token::At) {
            axis = Axis::Attribute;
        } else if let (Some(Token::Name(name)), Some(Token::ColonColon)) =
            (self.peek().cloned(), self.tokens.get(self.at + 1))
        {
            axis = match name.as_str() {
                "child" => Axis::Child,
                "descendant" => Axis::Descendant,
                "descendant-or-self" => Axis::DescendantOrSelf,
                "self" => Axis::SelfNode,
                "parent" => Axis::Parent,
                "attribute" => Axis::Attribute,
                other => return err(format!("the axis {other} is not supported")),
            };
            self.at += 2;
        }
        let test = match self.bump() {
            Some(Token::Star) => Test::Any,
            Some(Token::Name(n)) if matches!(n.as_str(), "text" | "node") && self.peek() == Some(&Token::LParen) => {
                self.at += 1;
                if !self.eat(&Token::RParen) {
                    return err(format!("missing ) after {n}("));
                }
                if n == "text" {
                    Test::Text
                } else {
                    Test::Node
                }
            }
            Some(Token::Name(n)) => {
                let local = n.rsplit(':').next().unwrap_or_default().to_owned();
                if local == "*" {
                    Test::Any
                } else {
                    Test::Name(local)
                }
            }
            Some(other) => return err(format!("expected a step, found {other:?}")),
            None => return err("the path ends with /"),
        };
        let mut predicates = Vec::new();
        while self.eat(&Token::LBracket) {
            if self.peek() == Some(&Token::RBracket) {
                return err("empty predicate []");
            }
            predicates.push(self.or()?);
            if !self.eat(&Token::RBracket) {
                return err("missing ]");
            }
        }
        Ok(Step { axis, test, predicates })
    }
}

/// A bare `true` or `false` compared with something (`active=true`, as people write it) means the
/// text, not a child element of that name (the data model has none): read it as the string.
fn bare_boolean(expr: Expr) -> Expr {
    if let Expr::Path(Path { absolute: false, steps }) = &expr {
        if let [Step { axis: Axis::Child, test: Test::Name(name), predicates }] = steps.as_slice() {
            if predicates.is_empty() && (name == "true" || name == "false") {
                return Expr::Literal(name.clone());
            }
        }
    }
    expr
}

//! `name = expression`: new indicators computed per area and period from existing ones. The
//! expression has `+ − × ÷` (also `- * /`), parentheses, numbers, indicator names (quoted when
//! they have spaces or diacritics: `"Thu ngân sách"`) and the functions planners use:
//! `per(x, y, k)` = x ÷ y × k, `share(x)` = x as % of the total of all areas (aggregates left
//! out), `rebase(x, 2015)` = x ÷ x in 2015 × 100, `real(x, deflator, 2015)` = x ÷ deflator ×
//! deflator in 2015, `lag(x)` = x of the same period a year before, `diff(x)` = x − lag(x).
//! Parsing is done here (a few dozen lines; no expression crate reads indicator names with dots,
//! quotes and diacritics); evaluation is Polars expressions over a frame with one column per
//! indicator.

use std::fmt;

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Number(f64),
    /// An indicator, with where its name starts and ends in the text.
    Name(String, (usize, usize)),
    Neg(Box<Node>),
    Binary(char, Box<Node>, Box<Node>),
    /// A function, its arguments, and where its name is.
    Call(String, Vec<Node>, (usize, usize)),
}

/// `name = expression`, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    pub name: String,
    pub expr: Node,
    pub text: String,
    /// Where the expression starts in `text`.
    pub offset: usize,
}

/// A mistake in an expression: what, and where (a byte range of the text).
#[derive(Debug, Clone, PartialEq)]
pub struct ExprError {
    pub message: String,
    pub text: String,
    pub span: (usize, usize),
}

impl fmt::Display for ExprError {
    /// The message, the expression, and a caret under the place.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let start = self.text[..self.span.0.min(self.text.len())].chars().count();
        let width =
            self.text[self.span.0.min(self.text.len())..self.span.1.min(self.text.len())].chars().count().max(1);
        write!(f, "{}\n  {}\n  {}{}", self.message, self.text, " ".repeat(start), "^".repeat(width))
    }
}

pub const FUNCTIONS: [(&str, usize); 6] =
    [("per", 3), ("share", 1), ("rebase", 2), ("real", 3), ("lag", 1), ("diff", 1)];

/// Parses `name = expression`.
pub fn parse(text: &str) -> Result<Definition, ExprError> {
    let err = |message: String, span: (usize, usize)| ExprError { message, text: text.to_string(), span };
    let Some(eq) = text.find('=') else {
        return Err(err("an expression reads `name = expression`: no `=`".into(), (0, text.len())));
    };
    let name = text[..eq].trim().trim_matches('"').to_string();
    if name.is_empty() {
        return Err(err("the new indicator has no name before `=`".into(), (0, eq)));
    }
    let mut parser = Parser { text, pos: eq + 1 };
    let expr = parser.sum()?;
    parser.space();
    if parser.pos < text.len() {
        return Err(err(format!("unexpected `{}`", &text[parser.pos..]), (parser.pos, text.len())));
    }
    Ok(Definition { name, expr, text: text.to_string(), offset: eq + 1 })
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn err(&self, message: impl Into<String>, span: (usize, usize)) -> ExprError {
        ExprError { message: message.into(), text: self.text.to_string(), span }
    }

    fn space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += self.peek().map_or(1, char::len_utf8);
        }
    }

    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn op(&mut self, ops: &[char]) -> Option<char> {
        self.space();
        let c = self.peek()?;
        let normal = match c {
            '×' => '*',
            '÷' => '/',
            '−' => '-',
            c => c,
        };
        ops.contains(&normal).then(|| {
            self.pos += c.len_utf8();
            normal
        })
    }

    fn sum(&mut self) -> Result<Node, ExprError> {
        let mut left = self.product()?;
        while let Some(op) = self.op(&['+', '-']) {
            left = Node::Binary(op, Box::new(left), Box::new(self.product()?));
        }
        Ok(left)
    }

    fn product(&mut self) -> Result<Node, ExprError> {
        let mut left = self.unary()?;
        while let Some(op) = self.op(&['*', '/']) {
            left = Node::Binary(op, Box::new(left), Box::new(self.unary()?));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Node, ExprError> {
        if self.op(&['-']).is_some() {
            return Ok(Node::Neg(Box::new(self.unary()?)));
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Node, ExprError> {
        self.space();
        let start = self.pos;
        match self.peek() {
            None => Err(self.err("the expression ends where a value is expected", (start, start + 1))),
            Some('(') => {
                self.pos += 1;
                let inner = self.sum()?;
                if self.op(&[')']).is_none() {
                    return Err(self.err("`(` is not closed", (start, start + 1)));
                }
                Ok(inner)
            }
            Some('"') => {
                let Some(end) = self.text[start + 1..].find('"') else {
                    return Err(self.err("the quoted name is not closed", (start, self.text.len())));
                };
                self.pos = start + 1 + end + 1;
                Ok(Node::Name(self.text[start + 1..start + 1 + end].to_string(), (start, self.pos)))
            }
            Some(c) if c.is_ascii_digit() || c == '.' => {
                while self.peek().is_some_and(|c| c.is_ascii_digit() || c == '.' || c == 'e' || c == 'E') {
                    self.pos += 1;
                }
                let number = &self.text[start..self.pos];
                number
                    .parse()
                    .map(Node::Number)
                    .map_err(|_| self.err(format!("`{number}` is not a number"), (start, self.pos)))
            }
            Some(c) if c.is_alphabetic() || c == '_' => {
                while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                    self.pos += self.peek().map_or(1, char::len_utf8);
                }
                let name = self.text[start..self.pos].to_string();
                let span = (start, self.pos);
                self.space();
                if self.peek() != Some('(') {
                    return Ok(Node::Name(name, span));
                }
                self.pos += 1;
                let Some(&(_, arity)) = FUNCTIONS.iter().find(|(f, _)| *f == name) else {
                    let known: Vec<&str> = FUNCTIONS.iter().map(|(f, _)| *f).collect();
                    return Err(self.err(format!("unknown function `{name}` (chiso knows {})", known.join(", ")), span));
                };
                let mut args = vec![self.sum()?];
                while self.op(&[',']).is_some() {
                    args.push(self.sum()?);
                }
                if self.op(&[')']).is_none() {
                    return Err(self.err(format!("`{name}(` is not closed"), (span.0, self.pos)));
                }
                if args.len() != arity {
                    return Err(self.err(format!("`{name}` takes {arity} arguments, not {}", args.len()), span));
                }
                Ok(Node::Call(name, args, span))
            }
            Some(c) => Err(self.err(format!("unexpected `{c}`"), (start, start + c.len_utf8()))),
        }
    }
}

impl Node {
    /// The indicator names the expression reads, with where each is.
    pub fn names(&self) -> Vec<(String, (usize, usize))> {
        match self {
            Node::Number(_) => Vec::new(),
            Node::Name(n, span) => vec![(n.clone(), *span)],
            Node::Neg(inner) => inner.names(),
            Node::Binary(_, a, b) => [a.names(), b.names()].concat(),
            Node::Call(_, args, _) => args.iter().flat_map(Node::names).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_names_and_functions() {
        let d = parse("rev_pc = total.rev / population * 1000").unwrap();
        assert_eq!(d.name, "rev_pc");
        let Node::Binary('*', left, right) = d.expr else { panic!("{:?}", d.expr) };
        assert_eq!(*right, Node::Number(1000.0));
        assert!(matches!(*left, Node::Binary('/', _, _)));
        let d = parse("x = \"Thu ngân sách\" ÷ \"Dân số\" − -2").unwrap();
        let names: Vec<String> = d.expr.names().into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["Thu ngân sách", "Dân số"]);
        let d = parse("g = diff(rebase(gdp, 2015))").unwrap();
        assert!(matches!(d.expr, Node::Call(ref f, _, _) if f == "diff"));
    }

    #[test]
    fn mistakes_point_at_their_place() {
        let e = parse("x = a / (b + 1").unwrap_err();
        assert_eq!(e.to_string(), "`(` is not closed\n  x = a / (b + 1\n          ^");
        let e = parse("x = perr(a, b, 1)").unwrap_err();
        assert!(e.to_string().starts_with("unknown function `perr`"), "{e}");
        assert!(e.to_string().ends_with("\n      ^^^^"), "{e}");
        let e = parse("x = per(a, b)").unwrap_err();
        assert!(e.message.contains("takes 3 arguments"), "{e}");
        assert!(parse("a + b").is_err());
    }
}

/// Byte-level checks made before a CSV file is tokenized: the UTF-8
/// byte-order mark, UTF-16 files, NUL bytes and the text encoding. Each failure
/// names the physical line, so that the tokenizer can afterwards decode
/// fields without checking again.
///
/// Text that is valid UTF-8 is read as UTF-8. Anything else is read as
/// Windows-1252, which is what Swedish Excel's plain "CSV (semikolonavgränsad)"
/// writes: a file re-saved that way gives the same plan. (A Windows-1252 file
/// whose every byte also happens to form valid UTF-8 does not occur with Swedish
/// letters: 'ö' is 0xF6, never a valid UTF-8 sequence before ASCII.)
enum CSVEncoding {
    static let expectedText = "UTF-8 text (in Excel: Save As \"CSV UTF-8\")"

    /// The file's text as UTF-8 bytes and the offset where it starts: UTF-8 as it
    /// is (after a byte-order mark, if any), Windows-1252 transcoded.
    static func decode(_ bytes: [UInt8], path: String) throws(InputError) -> (bytes: [UInt8], start: Int) {
        do {
            return (bytes, try check(bytes, path: path))
        } catch let error where error.message.hasPrefix("the text is not valid UTF-8") {
            guard let transcoded = windows1252ToUTF8(bytes) else {
                let offset = bytes.firstIndex { $0 >= 0x80 && $0 < 0xA0 && windows1252High[Int($0 - 0x80)] == 0 } ?? 0
                throw InputError(SourceLocation(file: path, line: lineNumber(at: offset, in: bytes, from: 0)),
                                 "the text is neither UTF-8 nor Windows-1252 (byte 0x" + hex(bytes[offset]) + ")",
                                 expected: expectedText, found: lineText(containing: offset, in: bytes, from: 0))
            }
            return (transcoded, try check(transcoded, path: path))
        }
    }

    /// Windows-1252 to UTF-8; nil when a byte is one of the five the code page leaves undefined.
    static func windows1252ToUTF8(_ bytes: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 { output.append(byte); continue }
            let scalar: UInt32
            if byte >= 0xA0 {
                scalar = UInt32(byte)
            } else {
                scalar = windows1252High[Int(byte - 0x80)]
                if scalar == 0 { return nil }
            }
            output.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
        }
        return output
    }

    /// Code points of bytes 0x80–0x9F in Windows-1252 (0: undefined).
    static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// Checks `bytes` and returns the offset where the text starts (after a
    /// UTF-8 byte-order mark, if any).
    static func check(_ bytes: [UInt8], path: String) throws(InputError) -> Int {
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            throw InputError(
                SourceLocation(file: path, line: 1),
                "the file is UTF-16 encoded (Excel's \"Unicode Text\")",
                expected: expectedText)
        }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard let (offset, isNUL) = firstProblem(in: bytes, from: start) else { return start }
        let line = lineNumber(at: offset, in: bytes, from: start)
        let found = lineText(containing: offset, in: bytes, from: start)
        if isNUL {
            // In UTF-16, every other byte of ASCII text is NUL.
            let sample = bytes[start..<min(bytes.count, start + 400)]
            let looksUTF16 = sample.reduce(0) { $0 + ($1 == 0 ? 1 : 0) } * 3 >= sample.count
            throw InputError(
                SourceLocation(file: path, line: line),
                "NUL byte (0x00) in the text" + (looksUTF16 ? "; the file looks UTF-16 encoded" : ""),
                expected: expectedText, found: found)
        }
        let byte = bytes[offset]
        var message = "the text is not valid UTF-8 (byte 0x" + hex(byte) + ")"
        // A Latin-1 letter is one byte, followed by ASCII rather than by the
        // continuation bytes a UTF-8 lead byte would need.
        let followedByContinuation = offset + 1 < bytes.count && bytes[offset + 1] & 0xC0 == 0x80
        if let letter = latin1Letter(byte), !followedByContinuation {
            message += "; the file looks saved as Windows-1252/Latin-1, where '\(letter)' is byte 0x" + hex(byte)
        }
        throw InputError(SourceLocation(file: path, line: line), message, expected: expectedText, found: found)
    }

    /// The offset of the first NUL byte or invalid UTF-8 sequence.
    static func firstProblem(in bytes: [UInt8], from start: Int) -> (offset: Int, isNUL: Bool)? {
        let count = bytes.count
        var index = start
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                if lead == 0 { return (index, true) }
                index += 1
                continue
            }
            var trailing: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: trailing = 1
            case 0xE0: trailing = 2; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: trailing = 2
            case 0xED: trailing = 2; high = 0x9F
            case 0xF0: trailing = 3; low = 0x90
            case 0xF1...0xF3: trailing = 3
            case 0xF4: trailing = 3; high = 0x8F
            default: return (index, false)
            }
            guard index + trailing < count else { return (index, false) }
            let second = bytes[index + 1]
            guard second >= low && second <= high else { return (index, false) }
            var next = index + 2
            while next <= index + trailing {
                guard bytes[next] & 0xC0 == 0x80 else { return (index, false) }
                next += 1
            }
            index = next
        }
        return nil
    }

    /// The 1-based physical line of `offset`; `\r\n`, `\n` and `\r` each end
    /// a line.
    static func lineNumber(at offset: Int, in bytes: [UInt8], from start: Int) -> Int {
        var line = 1
        var index = start
        while index < offset {
            let byte = bytes[index]
            if byte == ASCIIByte.lineFeed {
                line += 1
            } else if byte == ASCIIByte.carriageReturn {
                if index + 1 < bytes.count && bytes[index + 1] == ASCIIByte.lineFeed { index += 1 }
                line += 1
            }
            index += 1
        }
        return line
    }

    /// The physical line around `offset`, decoded with U+FFFD in place of
    /// invalid bytes.
    static func lineText(containing offset: Int, in bytes: [UInt8], from start: Int) -> String {
        func isBreak(_ byte: UInt8) -> Bool { byte == ASCIIByte.lineFeed || byte == ASCIIByte.carriageReturn }
        var lower = offset
        while lower > start && !isBreak(bytes[lower - 1]) { lower -= 1 }
        var upper = offset
        while upper < bytes.count && !isBreak(bytes[upper]) { upper += 1 }
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }

    /// Letters that a Swedish file saved in Windows-1252 or Latin-1 contains.
    private static func latin1Letter(_ byte: UInt8) -> Character? {
        switch byte {
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0xFF: return Character(Unicode.Scalar(byte))
        default: return nil
        }
    }
}
